"""Every address answers a bad id with 404 or the form's error, never a server error.

The walk resolves the whole URLconf (the site, the console, allauth), fills each converter or
regex group with junk, a negative, a huge (2**63) and an unknown id, and asks with GET and POST
as a visitor, a member, a scoped moderator, a global moderator and an operator.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.roles import MODERATORS
from moderation.models import ModeratorAssignment
from tests.factories import PostFactory, ThreadFactory, UserFactory, enrol_totp

BAD_VALUES = ("abc", "-1", str(2**63), "987654321", "x%E2%98%83y")
CONSOLE_VALUES = ("abc", str(2**63), "987654321")
# Leading parts of a two-part address take real words too, so the id after them is reached
# (/report/post/<id>/, /settings/blocks-and-mutes/unmute/member/<id>/).
LEADING_VALUES = ("post", "thread", "member")
# Addresses that end the session under test; the walk keeps each role signed in.
SKIPPED_NAMES = {"account_logout", "logout"}
_GROUP = re.compile(r"\(\?P<\w+>(?:[^()]|\([^()]*\))*\)|<(?:\w+:)?\w+>")


def _patterns(resolver: URLResolver, prefix: str = "") -> list[tuple[str, str]]:
    """(route with placeholders, name) for every pattern, includes flattened."""
    found = []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            found.extend(_patterns(entry, route))
        elif isinstance(entry, URLPattern):
            found.append((route, entry.name or ""))
    return found


def _fill(route: str, value: str, leading: str | None = None) -> str:
    groups = len(_GROUP.findall(route))
    values = iter([leading or value] * (groups - 1) + [value])
    path = _GROUP.sub(lambda match: next(values), route)
    path = path.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
    return "/" + path.lstrip("/")


def _addresses() -> list[str]:
    addresses = set()
    for route, name in _patterns(get_resolver()):
        if name in SKIPPED_NAMES:
            continue
        if not _GROUP.search(route):
            addresses.add(_fill(route, ""))
            continue
        # The console's per-object addresses share Django's admin views: fewer values there.
        values = CONSOLE_VALUES if route.startswith("console/") else BAD_VALUES
        addresses.update(_fill(route, value) for value in values)
        if len(_GROUP.findall(route)) > 1:
            addresses.update(
                _fill(route, value, leading) for value in BAD_VALUES for leading in LEADING_VALUES
            )
    return sorted(addresses)


def _staff(handle: str, *, superuser: bool = False):
    user = UserFactory(handle=handle, is_staff=True, is_superuser=superuser)
    user.groups.add(Group.objects.get(name=MODERATORS))
    enrol_totp(user)
    return user


@pytest.fixture(params=["visitor", "member", "scoped_moderator", "global_moderator", "operator"])
def viewer(request, db):
    from tests.factories import ForumFactory

    forum = ForumFactory(name="Sleep", slug="sleep")
    author = UserFactory(handle="night_owl")
    PostFactory(thread=ThreadFactory(forum=forum, author=author, title="Awake"), author=author)
    if request.param == "visitor":
        return None
    if request.param == "member":
        return UserFactory(handle="walker")
    if request.param == "operator":
        return _staff("walk_ops", superuser=True)
    staff = _staff(request.param.replace("_", ""))
    scope = forum if request.param == "scoped_moderator" else None
    ModeratorAssignment.objects.create(moderator=staff, forum=scope)
    return staff


def test_no_address_answers_a_bad_id_with_a_server_error(client, viewer):
    client.raise_request_exception = False
    failures = []
    addresses = _addresses()
    for address in addresses:
        for method in (client.get, client.post):
            if viewer is not None and "_auth_user_id" not in client.session:
                client.force_login(viewer)
            response = method(address)
            if response.status_code >= 500:
                failures.append(f"{method.__name__.upper()} {address}: {response.status_code}")
    assert len(addresses) > 200
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("key", ["abc", "-1", str(2**63), "1.5", "%20"])
def test_reporting_a_post_by_a_junk_id_is_not_found(client, db, key):
    client.force_login(UserFactory(handle="walker"))

    assert client.get(f"/report/post/{key}/").status_code == 404
    assert client.post(f"/report/thread/{key}/", {"reason": "spam"}).status_code == 404
