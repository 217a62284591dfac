"""Notifications get post visibility, the email task and email texts from the apps above them:
every hook is filled at startup, and an empty one fails loudly instead of showing too much."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from notifications import checks, hooks
from notifications.enums import NotificationKind
from notifications.selectors import notification_unread_count
from notifications.services import notification_create
from tests.factories import PostFactory, UserFactory


def test_every_hook_is_filled_once_the_apps_are_ready():
    assert checks.hooks_filled() == []
    assert checks.texts_registered() == []
    call_command("check", "--fail-level", "ERROR")


def test_every_notification_kind_has_an_email_text():
    assert hooks.notification_texts.missing_kinds() == []


@pytest.mark.django_db
def test_without_the_visibility_hook_the_check_fails_and_counting_refuses(monkeypatch):
    member = UserFactory()
    post = PostFactory()
    notification_create(
        recipient=member, kind=NotificationKind.REPLY, post_id=post.pk, thread_id=post.thread_id
    )
    monkeypatch.setattr(hooks.readable_posts, "_implementation", None)

    assert [error.id for error in checks.hooks_filled()] == ["notifications.E001"]
    with pytest.raises(ImproperlyConfigured):
        notification_unread_count(member)


def test_a_second_app_cannot_take_over_a_filled_hook():
    with pytest.raises(ImproperlyConfigured):
        hooks.readable_posts.register(lambda user: None)
