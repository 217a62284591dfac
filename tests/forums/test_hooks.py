"""forums' extension points (forums/hooks.py), filled by moderation: a hook left empty stops
`manage.py check` and refuses to post, so screening or a sanction check is never skipped."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from core.errors import PostingRefused
from core.hooks import HookNotFilled
from forums import hooks, services
from forums.models import Post, Thread
from moderation.demo import seed_moderation
from moderation.enums import SanctionKind
from moderation.models import Rule
from moderation.receivers import screen_submitted_post
from moderation.services import member_sanction


@pytest.fixture
def empty_posting_refusal(monkeypatch):
    monkeypatch.setattr(hooks.posting_refusal, "_implementation", None)


@pytest.fixture
def no_screening_receiver():
    uid = "moderation_screen_submitted_post"
    hooks.post_submitted.disconnect(dispatch_uid=uid)
    yield
    hooks.post_submitted.connect(screen_submitted_post, dispatch_uid=uid)


def test_the_installed_apps_fill_every_forum_hook():
    call_command("check", tags=["hooks"])

    assert all(hook.is_filled for hook in hooks.REQUIRED)


def test_an_empty_sanction_check_stops_the_system_check(empty_posting_refusal):
    with pytest.raises(SystemCheckError, match=re.escape("forums.hooks.posting_refusal is empty")):
        call_command("check", tags=["hooks"])


def test_an_empty_sanction_check_refuses_the_post_and_saves_nothing(
    thread, member, empty_posting_refusal
):
    posts_before = Post.objects.count()

    with pytest.raises(HookNotFilled, match=re.escape("forums.hooks.posting_refusal")):
        services.post_create(author=member, thread=thread, body="Hello, is anyone around?")

    assert Post.objects.count() == posts_before


def test_without_a_screening_receiver_a_thread_is_not_saved_unscreened(
    forum, author, no_screening_receiver
):
    with pytest.raises(SystemCheckError, match=re.escape("forums.hooks.post_submitted is empty")):
        call_command("check", tags=["hooks"])
    with pytest.raises(HookNotFilled, match=re.escape("forums.hooks.post_submitted")):
        services.thread_create(author=author, forum=forum, title="Tonight", body="Rough day.")

    assert not Thread.objects.filter(title="Tonight").exists()


def test_a_silenced_member_is_refused_through_the_hook(thread, member, global_moderator):
    seed_moderation()
    member_sanction(
        member=member,
        acting_user=global_moderator,
        kind=SanctionKind.SILENCE,
        rules=[Rule.objects.order_by("number").first()],
        duration=timedelta(days=1),
    )

    with pytest.raises(PostingRefused, match="read-only"):
        services.post_create(author=member, thread=thread, body="Let me in")


def test_a_hook_takes_one_answer_only():
    with pytest.raises(ImproperlyConfigured, match="already filled"):
        hooks.posting_refusal.register(lambda user: None)
