"""The cache registry: every key Hearth keeps in the shared cache, the app that owns it, how
long it lives, what makes it wrong and the functions that clear it.

Readers and writers build keys only through these families (`LOCKOUT.key(user_id=...)`);
tests/accounts/test_cache_registry.py fails on a cache call whose key is written out anywhere
else. The database stays the source of truth for everything here: a missing key means "ask the
database" (or, for rate limits, "no attempts yet").

Keys every member's page reads (`is_member_state`) are read together in one `get_many`
(accounts.request_state) and remembered on the request; `cache_store` and `cache_forget` below
mark remembered answers stale when they write one, so a page rendered after a write in the same
process reads again. Writers go through them rather than through `cache` directly.

This module sits at the bottom of the apps (accounts): forums and moderation import their key
families from here; it imports nothing of theirs.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction

HOUR = 3600
DAY = 24 * HOUR
FOREVER = 10 * 365 * DAY


@dataclass(frozen=True)
class KeyFamily:
    pattern: str
    owner: str
    # Seconds; None: kept until cleared.
    timeout: int | None
    invalidated_by: str
    # Dotted paths of the functions that write or clear the key when its source changes.
    cleared_by: tuple[str, ...]
    is_member_state: bool = False

    def key(self, **parts) -> str:
        return self.pattern.format(**parts)


LOCKOUT = KeyFamily(
    "moderation:lockout:{user_id}",
    owner="moderation",
    timeout=None,  # set per sanction: until it ends (a ban: FOREVER)
    invalidated_by="a suspension or ban (set), its lifting or expiry (cleared)",
    cleared_by=(
        "moderation.standing.lockout_cache_set",
        "moderation.standing.lockout_cache_clear",
    ),
    is_member_state=True,
)
RULES_LATEST = KeyFamily(
    "moderation:rules:latest-significant",
    owner="moderation",
    timeout=600,  # bounds a value cached by a read that raced with a change being committed
    invalidated_by="a community rules version saved or deleted (in the console)",
    cleared_by=("moderation.standing.rules_cache_clear",),
    is_member_state=True,
)
RULES_ACCEPTED = KeyFamily(
    "moderation:rules:accepted:{user_id}",
    owner="moderation",
    timeout=600,
    invalidated_by="the member accepting the community rules; their erasure",
    cleared_by=("accounts.services.consent_record", "accounts.services.data.account_erase"),
    is_member_state=True,
)
EMAIL_PAUSED = KeyFamily(
    "accounts:email-paused:{user_id}",
    owner="accounts",
    timeout=None,
    invalidated_by="emails paused after failed deliveries (set), resumed or erased (cleared)",
    cleared_by=(
        "accounts.services.email_paused_banner_show",
        "accounts.services.email_resume",
        "accounts.services.data.account_erase",
    ),
    is_member_state=True,
)
NOTIFICATION_BADGE_VERSION = KeyFamily(
    # The keys keep the names they had while the badge lived in forums (a deploy keeps them).
    "forums:badge:version:{user_id}",
    owner="notifications",
    timeout=DAY,
    invalidated_by="unread notifications created for the member (a new version)",
    cleared_by=("notifications.services.notification_badge_reset",),
    is_member_state=True,
)
NOTIFICATION_BADGE_NONE_UNREAD = KeyFamily(
    "forums:badge:none-unread:{user_id}",
    owner="notifications",
    timeout=DAY,
    # Never deleted: a new version (above) makes the stored one differ, so the next page counts
    # again; written only by the page that counted nothing unread (notifications.selectors).
    invalidated_by="a new badge version (the two differ: the next page counts again)",
    cleared_by=(),
    is_member_state=True,
)
PEER_SUPPORTER_IDS = KeyFamily(
    "accounts:peer-supporter-ids",
    owner="accounts",
    timeout=HOUR,
    invalidated_by="the peer-supporter role granted or revoked; a supporter erased",
    cleared_by=(
        "accounts.services.peer.peer_supporter_grant",
        "accounts.services.peer.peer_supporter_revoke",
        "accounts.services.data.account_erase",
    ),
)
OFFICE_HOURS = KeyFamily(
    "forums:office-hours:{forum_id}",
    owner="forums",
    timeout=HOUR,
    invalidated_by="a forum's staffed period saved or deleted (in the console)",
    cleared_by=("forums.selectors.forum_office_hours_forget",),
)
DIGEST_POPULAR = KeyFamily(
    "forums:digest-popular:{frequency}:{until}",
    owner="forums",
    timeout=20 * 60,
    invalidated_by="nothing: candidates of one quarter hour, filtered per member afterwards",
    cleared_by=(),
)
DIGEST_NEW_THREADS = KeyFamily(
    "forums:digest-new-threads:{frequency}:{until}",
    owner="forums",
    timeout=20 * 60,
    invalidated_by="nothing: candidates of one quarter hour, filtered per member afterwards",
    cleared_by=(),
)
FIRST_REPLY_REPORT = KeyFamily(
    "forums:first-reply-report",
    owner="forums",
    timeout=HOUR,
    invalidated_by="nothing: monthly figures, at most an hour old by design",
    cleared_by=(),
)
HEALTHZ_PROBE = KeyFamily(
    "healthz",
    owner="config",
    timeout=10,
    invalidated_by="nothing: /healthz writes and reads it back when the cache is not Redis",
    cleared_by=(),
)

REGISTRY = (
    LOCKOUT,
    RULES_LATEST,
    RULES_ACCEPTED,
    EMAIL_PAUSED,
    NOTIFICATION_BADGE_VERSION,
    NOTIFICATION_BADGE_NONE_UNREAD,
    PEER_SUPPORTER_IDS,
    OFFICE_HOURS,
    DIGEST_POPULAR,
    DIGEST_NEW_THREADS,
    FIRST_REPLY_REPORT,
    HEALTHZ_PROBE,
)

# Keys the libraries build themselves in the same cache (listed, never built by Hearth):
# django-ratelimit's counters (posting, messages, reports, sign-up; keyed by member or by the
# hashed client address, accounts.ratelimit) and allauth's rate limits (log-in, failed log-ins
# per account and address, email and password-reset sends). They expire on their own periods.
LIBRARY_OWNED = ("django-ratelimit counters", "allauth rate limits")


# --- The member's page state: remembered per request, made stale by every write -----------------

_changes = itertools.count(1)
_generation = 0


def member_state_generation() -> int:
    """Changes whenever a member-state key is written in this process (see request_state)."""
    return _generation


def member_state_changed() -> None:
    """Make every request's remembered member state stale."""
    global _generation
    _generation = next(_changes)


def cache_store(family: KeyFamily, value, *, timeout: int | None = None, **parts) -> None:
    """Write one key of `family` (with the family's timeout unless given)."""
    cache.set(family.key(**parts), value, family.timeout if timeout is None else timeout)
    if family.is_member_state:
        member_state_changed()


def cache_store_many(family: KeyFamily, values_by_parts: list[tuple[dict, object]]) -> None:
    """Write several keys of `family`, given as (parts, value) pairs, in one round trip."""
    cache.set_many({family.key(**parts): value for parts, value in values_by_parts}, family.timeout)
    if family.is_member_state:
        member_state_changed()


def cache_forget(family: KeyFamily, **parts) -> None:
    """Delete one key of `family` (its owner recomputes it from the database)."""
    cache.delete(family.key(**parts))
    if family.is_member_state:
        member_state_changed()


def cache_forget_now_and_after_commit(family: KeyFamily, **parts) -> None:
    """Delete the key now (this process's next read sees the change) and again after the
    commit, so a read by another request while the change was being committed cannot leave
    the old answer cached."""
    cache_forget(family, **parts)
    transaction.on_commit(lambda: cache_forget(family, **parts))
