"""Reads of notifications: the header's badges and the notifications a member may still see."""

import secrets

from django.core.cache import cache
from django.db.models import Q, QuerySet

from accounts.cache_keys import NOTIFICATION_BADGE_NONE_UNREAD, NOTIFICATION_BADGE_VERSION
from notifications import hooks
from notifications.enums import NotificationKind
from notifications.models import Notification

# Up to this many unread notifications are checked against post visibility by id; beyond it
# the count runs as one query with the visibility subquery.
UNREAD_CHECKED_BY_ID = 100

# The badges' cache: "nothing unread" needs no query. `notifications.services
# .notification_badge_reset` gives the member a new version whenever notifications are created
# for them (after the commit too); a page that found no unread row at all records the version it
# read *before* its query, so a notification committed meanwhile leaves the two different and
# the next page asks again. Reading notifications cannot make "nothing unread" wrong, nor can
# visibility changes (it means no unread row, visible or not). Both keys expire together; the
# families are in the cache registry (accounts.cache_keys).


def notifications_visible_to(user) -> QuerySet[Notification]:
    """Return `user`'s notifications they may still see (unordered, no related rows)."""
    # A notification about a post the member may no longer read (held, removed, forum made
    # private) disappears rather than leaking its thread title.
    # Moderation notices are about the member's own content, so they always stay, whoever the
    # member blocked or muted. Notifications about posts by members they blocked or muted since,
    # or in forums and threads they muted since, disappear like unreadable ones.
    readable = hooks.readable_posts(user).values("pk")
    return Notification.objects.filter(
        Q(post__isnull=True) | Q(kind=NotificationKind.MODERATION_NOTICE) | Q(post_id__in=readable),
        recipient=user,
    )


def notification_unread_count(user) -> int:
    """Return how many unread notifications `user` has, counting only posts they may still read."""
    return notification_unread_counts(user)[0]


def notification_badge_keys(user_id: int) -> tuple[str, str]:
    return (
        NOTIFICATION_BADGE_VERSION.key(user_id=user_id),
        NOTIFICATION_BADGE_NONE_UNREAD.key(user_id=user_id),
    )


def notification_badge_version() -> str:
    return secrets.token_hex(8)


def notification_unread_counts(user, *, cached: dict | None = None) -> tuple[int, int]:
    """Return (unread notifications other than private messages, conversations with an unread
    private message), counting only posts `user` may still read.

    It runs on every member's page (the two badges). With nothing unread, the cache (the
    request's `member_cached_state` when given) answers without a query. Otherwise one small
    query on the unread index answers the usual case (only notices without a post); a second
    one checks the visibility of the posts the unread notifications point to. A conversation
    has at most one unread message notification, so counting them counts conversations.
    """
    version_key, none_key = notification_badge_keys(user.pk)
    if cached is None:
        cached = cache.get_many([version_key, none_key])
    version = cached.get(version_key)
    if version is not None and cached.get(none_key) == version:
        return 0, 0
    unread = list(
        Notification.objects.filter(recipient=user, read_at__isnull=True)
        .order_by()
        .values_list("post_id", "kind")[: UNREAD_CHECKED_BY_ID + 1]
    )
    if not unread:
        if version is None:
            # No version yet: one made now is newer than the query, unless a reset (which
            # always sets one) got there first.
            version = notification_badge_version()
            if not cache.add(version_key, version, NOTIFICATION_BADGE_VERSION.timeout):
                return 0, 0
        cache.set(none_key, version, NOTIFICATION_BADGE_NONE_UNREAD.timeout)
        return 0, 0
    if len(unread) > UNREAD_CHECKED_BY_ID:
        unread_rows = notifications_visible_to(user).filter(read_at__isnull=True)
        messages = unread_rows.filter(kind=NotificationKind.MESSAGE).count()
        return unread_rows.count() - messages, messages
    messages = sum(1 for _post_id, kind in unread if kind == NotificationKind.MESSAGE)
    to_check = {
        post_id
        for post_id, kind in unread
        if post_id is not None and kind != NotificationKind.MODERATION_NOTICE
    }
    readable = set()
    if to_check:
        readable = set(
            hooks.readable_posts(user).filter(pk__in=to_check).values_list("pk", flat=True)
        )
    others = sum(
        1
        for post_id, kind in unread
        if kind != NotificationKind.MESSAGE
        and (post_id is None or kind == NotificationKind.MODERATION_NOTICE or post_id in readable)
    )
    return others, messages


def recipient_ids_with_unread(*, recipient_ids, kind: str, link: str) -> set[int]:
    """Return which of `recipient_ids` have an unread notification of `kind` opening `link`."""
    return set(
        Notification.objects.filter(
            recipient_id__in=list(recipient_ids), kind=kind, link=link, read_at__isnull=True
        ).values_list("recipient_id", flat=True)
    )
