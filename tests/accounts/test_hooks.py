"""accounts asks the apps above it through hooks; an unfilled hook stops the site at start-up
(a system check) and fails at the first call, so erasure, the export or a safety check can
never silently skip an app."""

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.utils import timezone

from accounts import hooks, services
from accounts.enums import ErasureMode, ErasureStatus
from accounts.erasure_ledger import ERASURE_HANDLES
from accounts.exporting import member_data
from accounts.models import ErasureRequest
from forums.models import Post
from tests.accounts.test_signup import LOGIN_URL
from tests.factories import TEST_PASSWORD, PostFactory

WORD = "cardamom-lantern"


@pytest.fixture
def without_forums_erasure():
    """The forums' erasure step taken out, as if forums forgot to register it."""
    saved = dict(hooks.erasure_steps._contributions)
    hooks.erasure_steps._contributions = {
        key: step for key, step in saved.items() if step.app_label != "forums"
    }
    yield
    hooks.erasure_steps._contributions = saved


@pytest.fixture
def without_lockout_answer():
    saved = hooks.member_lockout._implementation
    hooks.member_lockout._implementation = None
    yield
    hooks.member_lockout._implementation = saved


def _hook_errors():
    return [error for error in run_checks() if error.id in ("accounts.E001", "accounts.E002")]


def test_every_hook_is_filled_by_the_installed_apps(db):
    assert _hook_errors() == []
    call_command("check")


def test_every_app_in_the_erasure_ledger_erases_and_exports_its_part():
    apps_in_ledger = {label.split(".")[0] for label in ERASURE_HANDLES}
    expected = apps_in_ledger - {"accounts", "account", "mfa", "admin"}
    assert {"forums", "moderation", "conversations", "drafts"} <= expected
    assert {step.app_label for step in hooks.erasure_steps.contributions()} == expected
    assert {section.app_label for section in hooks.export_sections.contributions()} == expected


def test_an_app_without_its_erasure_step_fails_the_system_check(db, without_forums_erasure):
    errors = _hook_errors()
    assert [error.id for error in errors] == ["accounts.E002"]
    assert "erasure_steps" in errors[0].msg and "forums" in errors[0].msg
    with pytest.raises(SystemCheckError):
        call_command("check")


def test_an_erasure_with_a_missing_step_erases_nothing(member, without_forums_erasure):
    post = PostFactory(author=member, body=f"my {WORD}")
    erasure = services.erasure_request(user=member, mode=ErasureMode.ERASE_POSTS)
    ErasureRequest.objects.filter(pk=erasure.pk).update(scheduled_for=timezone.now())
    with pytest.raises(ImproperlyConfigured, match="forums"):
        services.account_erase(erasure_id=erasure.pk)
    post.refresh_from_db()
    member.refresh_from_db()
    assert post.author_id == member.pk and WORD in post.body
    assert member.is_active and member.email
    assert ErasureRequest.objects.get(pk=erasure.pk).status == ErasureStatus.PENDING


def test_an_unanswered_safety_question_fails_the_check_and_the_login(
    client, member, without_lockout_answer
):
    errors = _hook_errors()
    assert [error.id for error in errors] == ["accounts.E001"]
    assert "member_lockout" in errors[0].msg
    # The login stops rather than letting a member in unchecked for a suspension or ban.
    with pytest.raises(ImproperlyConfigured, match="member_lockout"):
        client.post(LOGIN_URL, {"login": member.handle, "password": TEST_PASSWORD})
    assert "_auth_user_id" not in client.session


def test_the_export_keeps_each_apps_part_in_the_order_members_know(member):
    PostFactory(author=member, body=f"my {WORD}")
    keys = list(member_data(member))
    assert keys == [
        "account",
        "profile",
        "preferences",
        "consents",
        "email_deliveries",
        "email_bounces",
        "safety_plan",
        "peer_supporter",
        "threads_started",
        "posts",
        "reactions",
        "bookmarks",
        "threads_watched_or_muted",
        "forums_followed",
        "notifications",
        "private_messages",
        "drafts",
        "conversation_with_moderators",
        "reports_filed",
        "sanctions_received",
        "decisions_notified",
        "appeals_filed",
        "data_requests",
    ]
    assert member_data(member)["posts"][0]["text"] == f"my {WORD}"
    assert Post.objects.filter(author=member).count() == 1
