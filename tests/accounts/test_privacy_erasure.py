"""Erasure: password (and 2FA) to ask, a 7-day grace period that logging in cancels, then no
trace of the email, handle or profile in the database, search index or cache; threads stay
readable; the append-only audit log keeps its rows, pointing at the pseudonymised member."""

import pickle
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from accounts import services
from accounts.enums import ErasureMode, ErasureStatus
from accounts.models import ErasureRequest, MemberSession, User
from accounts.tasks import erase_due_accounts
from forums import services as forum_services
from forums.models import Post, PostRevision, Thread
from forums.search import SearchFilters, post_search
from moderation.demo import seed_moderation
from moderation.enums import SanctionKind
from moderation.models import ModerationAction, ModeratorAssignment, Rule, Sanction
from moderation.services import member_sanction
from tests.e2e.helpers import totp_now
from tests.factories import (
    TEST_PASSWORD,
    ForumFactory,
    PostFactory,
    ThreadFactory,
    UserFactory,
    enrol_totp,
)

EMAIL = "fern.private@example.org"
HANDLE = "quiet_fern"
PROFILE_TEXT = "zebra-lighthouse-about"
PRONOUNS = "xe/xem"
POST_WORD = "marmalade"


@pytest.fixture
def rich_member(member, moderator):
    forum = ForumFactory()
    services.profile_update(
        user=member,
        values={"about_me": PROFILE_TEXT, "pronouns": PRONOUNS, "country": "IE"},
    )
    services.mute_words_add(user=member, text="lighthouse-word")
    services.block_create(user=member, member=UserFactory())
    services.email_preferences_update(user=member, values={"digest_frequency": "daily"})
    thread = ThreadFactory(forum=forum, author=member, title=f"About {POST_WORD}")
    post = PostFactory(thread=thread, author=member, body=f"I love {POST_WORD} on toast")
    forum_services.post_edit(post=post, editor=member, body=f"I love {POST_WORD}, really")
    PostFactory(thread=thread, body="A reply from someone else")
    seed_moderation()
    ModeratorAssignment.objects.create(moderator=moderator, forum=None)
    member_sanction(
        member=member,
        kind=SanctionKind.SILENCE,
        acting_user=moderator,
        rules=list(Rule.objects.all()[:1]),
        message="Please take some time.",
        duration=timedelta(days=30),
    )
    services.export_build(export_id=services.export_request(user=member)[0].pk)
    return member


def _due(member, mode=ErasureMode.ERASE_POSTS):
    erasure = services.erasure_request(user=member, mode=mode)
    return erasure


def _erase_now(member, mode):
    erasure = _due(member, mode)
    ErasureRequest.objects.filter(pk=erasure.pk).update(scheduled_for=timezone.now())
    assert erase_due_accounts() == 1
    return User.objects.get(pk=member.pk)


def _database_dump() -> str:
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table == "django_migrations":
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names from the schema)
            rows.extend(f"{table}: {row!r}" for row in cursor.fetchall())
    return "\n".join(rows)


def _cache_dump() -> bytes:
    """Every key and value in the cache, local memory (dev) or Redis (CI, production)."""
    backend = cache._cache
    if hasattr(backend, "get_client"):
        client = backend.get_client()
        return b"".join(key + (client.get(key) or b"") for key in client.keys("*"))
    return b"".join(pickle.dumps(v) if not isinstance(v, bytes) else v for v in backend.values())


@pytest.mark.parametrize("mode", [ErasureMode.ERASE_POSTS, ErasureMode.ANONYMISE])
def test_erasure_leaves_no_trace_of_email_handle_or_profile(client, rich_member, mode):
    client.force_login(rich_member)
    client.get(f"/members/{HANDLE}/")
    client.get("/")
    actions_before = list(ModerationAction.objects.filter(member=rich_member).values())

    erased = _erase_now(rich_member, mode)

    dump = _database_dump()
    for needle in (EMAIL, HANDLE, PROFILE_TEXT, PRONOUNS, "lighthouse-word"):
        assert needle not in dump, needle
    cached = _cache_dump()
    assert EMAIL.encode() not in cached and HANDLE.encode() not in cached
    assert erased.handle.startswith("former-") and not erased.is_active
    assert not erased.has_usable_password() and erased.email == ""
    assert not EmailAddress.objects.filter(user=erased).exists()
    assert not MemberSession.objects.exists()
    assert not list((services.data.export_dir()).rglob("*.zip"))
    # The audit log is untouched: the same rows, pointing at the pseudonymised member.
    assert list(ModerationAction.objects.filter(member=erased).values()) == actions_before
    assert Sanction.objects.filter(member=erased).exists()


def test_erase_my_posts_replaces_text_and_clears_revisions_and_search(client, rich_member):
    _erase_now(rich_member, ErasureMode.ERASE_POSTS)

    assert not Post.objects.filter(body__icontains=POST_WORD).exists()
    assert not PostRevision.objects.filter(body__icontains=POST_WORD).exists()
    assert not Thread.objects.filter(title__icontains=POST_WORD).exists()
    assert set(Post.objects.filter(author=None).values_list("search_vector", flat=True)) == {None}
    assert list(post_search(user=UserFactory(), filters=SearchFilters(q=POST_WORD))) == []
    thread = Thread.objects.get(author=None)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Removed at the author&#x27;s request." in page
    assert "a former member" in page and "A reply from someone else" in page


def test_keep_my_posts_shows_them_as_a_former_member(client, rich_member):
    _erase_now(rich_member, ErasureMode.ANONYMISE)

    post = Post.objects.get(body__icontains=POST_WORD)
    assert post.author_id is None
    page = client.get(post.thread.get_absolute_url()).content.decode()
    assert f"I love {POST_WORD}, really" in page and "a former member" in page
    assert [p.pk for p in post_search(user=UserFactory(), filters=SearchFilters(q=POST_WORD))]


def test_nothing_is_erased_during_the_grace_period(rich_member):
    _due(rich_member)
    assert services.erasures_run_due(now=timezone.now() + timedelta(days=6, hours=23)) == 0
    assert User.objects.get(pk=rich_member.pk).handle == HANDLE
    assert services.erasures_run_due(now=timezone.now() + timedelta(days=7, minutes=1)) == 1


def test_logging_in_during_the_grace_period_cancels_and_says_so(client, member):
    _due(member)
    response = client.post(
        "/accounts/login/", {"login": HANDLE, "password": TEST_PASSWORD}, follow=True
    )
    assert "your account will not be deleted" in response.content.decode()
    assert ErasureRequest.objects.get().status == ErasureStatus.CANCELLED
    assert services.erasures_run_due(now=timezone.now() + timedelta(days=8)) == 0


def test_asking_needs_the_password_and_logs_out(client, member):
    client.force_login(member)
    url = "/settings/data/delete-account/"
    page = client.get(url).content.decode()
    assert "quotes are their posts and are not changed" in page.replace("those quotes", "quotes")
    wrong = client.post(url, {"mode": "anonymise", "password": "nope", "confirm": "on"})
    assert "not your current password" in wrong.content.decode()
    assert not ErasureRequest.objects.exists()

    response = client.post(url, {"mode": "anonymise", "password": TEST_PASSWORD, "confirm": "on"})

    assert response["Location"] == "/account-deletion-scheduled/"
    assert "log in before then" in client.get(response["Location"]).content.decode()
    assert ErasureRequest.objects.get().mode == ErasureMode.ANONYMISE
    assert "_auth_user_id" not in client.session


def test_asking_needs_the_2fa_code_when_enabled(client, member):
    secret = enrol_totp(member)
    client.force_login(member)
    url = "/settings/data/delete-account/"
    data = {"mode": "erase_posts", "password": TEST_PASSWORD, "confirm": "on", "code": "000000"}
    assert "code did not work" in client.post(url, data).content.decode()
    data["code"] = totp_now(secret)
    assert client.post(url, data).status_code == 302
    assert ErasureRequest.objects.filter(status=ErasureStatus.PENDING).count() == 1


def test_erasure_with_open_sanctions_is_allowed(rich_member):
    assert Sanction.objects.filter(member=rich_member, lifted_at=None).exists()
    actions = set(ModerationAction.objects.filter(member=rich_member).values_list("pk", flat=True))
    assert actions
    erased = _erase_now(rich_member, ErasureMode.ANONYMISE)
    assert not Authenticator.objects.filter(user=erased).exists()
    assert ErasureRequest.objects.get().status == ErasureStatus.DONE
    # The audit log keeps the sanction's record, now pointing at the pseudonymised member.
    kept = ModerationAction.objects.filter(pk__in=actions).select_related("member")
    assert {action.member.handle for action in kept} == {erased.handle}
    assert erased.handle.startswith("former-")
    assert Sanction.objects.filter(member=erased, lifted_at=None).exists()


def test_erasing_twice_is_a_no_op(rich_member):
    erasure = _due(rich_member)
    ErasureRequest.objects.filter(pk=erasure.pk).update(scheduled_for=timezone.now())
    assert services.account_erase(erasure_id=erasure.pk) is True
    assert services.account_erase(erasure_id=erasure.pk) is False


def test_the_retention_purge_keeps_erased_members_rows(rich_member):
    erased = _erase_now(rich_member, ErasureMode.ANONYMISE)
    User.objects.filter(pk=erased.pk).update(date_joined=timezone.now() - timedelta(days=90))
    services.unverified_accounts_purge()
    assert User.objects.filter(pk=erased.pk).exists()
    assert ModerationAction.objects.filter(member=erased).exists()
