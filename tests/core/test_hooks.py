"""The one hook mechanism every app uses (core/hooks.py): each shape reports itself empty to the
system check and refuses to be used empty, so no registration can be silently missing."""

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from core.hooks import (
    Contributions,
    Hook,
    HookNotFilled,
    Registry,
    RequiredSignal,
    required_hooks_check,
)


def test_contributions_run_in_their_declared_order_and_return_each_result():
    ran = []
    parts = Contributions("test.parts", filled_by="test", required_apps={"forums", "drafts"})
    parts.register(lambda member: ran.append("drafts") or "drafts", app_label="drafts", order=20)
    parts.register(lambda member: ran.append("forums") or "forums", app_label="forums", order=10)

    assert parts("member") == ["forums", "drafts"]
    assert ran == ["forums", "drafts"]


def test_with_an_app_missing_no_contribution_runs():
    ran = []
    parts = Contributions("test.parts", filled_by="test", required_apps={"forums", "drafts"})
    parts.register(ran.append, app_label="drafts", order=20)

    assert parts.gap() == "has nothing from: forums"
    with pytest.raises(HookNotFilled, match="has nothing from: forums"):
        parts("member")
    assert ran == []


def test_registering_the_same_contribution_again_does_not_run_it_twice():
    ran = []

    def erase(member):
        ran.append(member)

    parts = Contributions("test.parts", filled_by="test", required_apps={"forums"})
    parts.register(erase, app_label="forums", order=10)
    parts.register(erase, app_label="forums", order=10)

    parts("member")
    assert ran == ["member"]


def test_a_registry_takes_one_entry_per_known_kind():
    texts = Registry("test.texts", filled_by="test", kinds=["reply", "mention"])
    texts.register("reply", "a reply")

    assert texts["reply"] == "a reply"
    assert texts.missing_kinds() == ["mention"]
    with pytest.raises(HookNotFilled, match="'mention'"):
        texts["mention"]
    with pytest.raises(ImproperlyConfigured, match="already has an entry"):
        texts.register("reply", "another reply")
    with pytest.raises(ImproperlyConfigured, match="not a kind"):
        texts.register("typo", "a text")


def test_the_system_check_names_every_empty_hook_of_its_app():
    question = Hook("forums.test_question", filled_by="test")
    event = RequiredSignal("forums.test_event", filled_by="test")
    texts = Registry("forums.test_texts", filled_by="test", kinds=["reply"])
    check = required_hooks_check([question, event, texts], check_id="forums.E999")

    errors = check()
    assert [error.id for error in errors] == ["forums.E999"] * 3
    assert [error.msg for error in errors] == [
        "The required hook forums.test_question is empty.",
        "The required hook forums.test_event is empty.",
        "The required hook forums.test_texts has no entry for: 'reply'.",
    ]
    # `manage.py check drafts` does not report forums' hooks.
    assert check(app_configs=[apps.get_app_config("drafts")]) == []

    question.register(lambda: None)
    event.connect(lambda sender, **kwargs: None, weak=False)
    texts.register("reply", "a reply")
    assert check() == []
