"""A member's page reads its cached state (lockout, banners, badge) in one cache round trip, and
a write in the same process is seen by the next read."""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.utils import timezone

from accounts.cache_keys import LOCKOUT
from accounts.request_state import member_cached_state
from accounts.services import email_paused_banner_show
from moderation.standing import lockout_cache_set, lockout_cached


def _cache_reads(monkeypatch) -> list[str]:
    """Record the page's cache reads (not the calls a backend's get_many makes to its own get)."""
    reads, depth = [], [0]
    for name in ("get", "get_many"):
        original = getattr(cache, name)

        def counted(*args, _original=original, _name=name, **kwargs):
            if not depth[0]:
                reads.append(_name)
            depth[0] += 1
            try:
                return _original(*args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(cache, name, counted)
    return reads


def test_a_members_page_reads_the_cache_once(member_client, monkeypatch):
    assert member_client.get("/privacy/").status_code == 200  # fills the rules answer
    reads = _cache_reads(monkeypatch)
    page = member_client.get("/privacy/")
    assert page.status_code == 200 and page.context["user"].is_authenticated
    assert reads == ["get_many"]


def test_a_visitors_page_reads_nothing_from_the_cache(client, monkeypatch):
    reads = _cache_reads(monkeypatch)
    assert client.get("/privacy/").status_code == 200
    assert reads == []


def test_visitors_have_no_cached_state(rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    assert member_cached_state(request) == {}


def test_a_write_after_the_first_read_is_seen_in_the_same_request(rf, member):
    request = rf.get("/")
    request.user = member
    assert not lockout_cached(member.pk, cached=member_cached_state(request))
    lockout_cache_set(user_id=member.pk, ends_at=timezone.now() + timedelta(days=1))
    assert lockout_cached(member.pk, cached=member_cached_state(request))
    assert LOCKOUT.key(user_id=member.pk) in member_cached_state(request)


def test_the_email_paused_banner_shows_on_the_next_page(member_client, member):
    page = member_client.get("/privacy/").content.decode()
    assert "We could not deliver emails" not in page
    email_paused_banner_show(user_id=member.pk)
    assert "We could not deliver emails" in member_client.get("/privacy/").content.decode()


def test_the_view_gets_the_member_itself_not_a_lazy_wrapper(member_client, member):
    from django.test import Client
    from django.utils.functional import LazyObject

    request = member_client.get("/privacy/").wsgi_request
    assert not isinstance(request.user, LazyObject) and request.user == member
    request = Client().get("/privacy/").wsgi_request
    assert not isinstance(request.user, LazyObject) and not request.user.is_authenticated
