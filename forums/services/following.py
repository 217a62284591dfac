"""What members keep about content: reactions, watches, follows, read state, bookmarks, access."""

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from accounts.models import User
from forums.models import (
    Bookmark,
    Forum,
    ForumAccess,
    ForumFollow,
    Post,
    Reaction,
    ReadState,
    Thread,
    ThreadSubscription,
)
from forums.visibility import viewer_forget


@transaction.atomic
def reaction_toggle(*, user: User, post: Post, kind: str) -> bool:
    """Add `user`'s reaction of `kind` to `post`, or take it back; return whether it is on."""
    deleted, _ = Reaction.objects.filter(user=user, post=post, kind=kind).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Reaction.objects.create(user=user, post=post, kind=kind)
    except IntegrityError:
        pass  # A double submit raced us; the reaction is on either way.
    return True


@transaction.atomic
def thread_watch(*, user: User, thread: Thread, is_watching: bool = True) -> None:
    """Watch `thread` (notified of replies), or stop watching (and un-mute) it."""
    if is_watching:
        ThreadSubscription.objects.update_or_create(
            user=user, thread=thread, defaults={"is_muted": False}
        )
    else:
        ThreadSubscription.objects.filter(user=user, thread=thread).delete()


@transaction.atomic
def thread_mute(*, user: User, thread: Thread, is_muted: bool = True) -> None:
    """Mute `thread` (no notifications from it at all), or lift the mute."""
    if is_muted:
        ThreadSubscription.objects.update_or_create(
            user=user, thread=thread, defaults={"is_muted": True}
        )
    else:
        ThreadSubscription.objects.filter(user=user, thread=thread, is_muted=True).delete()


@transaction.atomic
def forum_follow(*, user: User, forum: Forum, is_following: bool = True) -> None:
    """Follow `forum` (notified of new threads), or stop following it."""
    if is_following:
        ForumFollow.objects.get_or_create(user=user, forum=forum)
    else:
        ForumFollow.objects.filter(user=user, forum=forum).delete()


def read_state_mark(*, user: User, thread: Thread, position: int) -> None:
    """Record that `user` has read `thread` up to `position` (never moving backwards).

    One upsert statement, safe against two tabs racing.
    """
    greatest = "GREATEST" if connection.vendor == "postgresql" else "MAX"
    table = ReadState._meta.db_table
    sql = (
        f"INSERT INTO {table} (user_id, thread_id, last_read_position, updated_at) "  # noqa: S608
        "VALUES (%s, %s, %s, %s) ON CONFLICT (user_id, thread_id) DO UPDATE SET "
        f"last_read_position = {greatest}({table}.last_read_position, "
        "excluded.last_read_position), updated_at = excluded.updated_at"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, thread.pk, position, timezone.now()])


@transaction.atomic
def bookmark_toggle(*, user: User, post: Post) -> bool:
    """Bookmark `post` for `user`, or remove the bookmark; return whether it is bookmarked."""
    deleted, _ = Bookmark.objects.filter(user=user, post=post).delete()
    if deleted:
        return False
    Bookmark.objects.get_or_create(user=user, post=post)
    return True


@transaction.atomic
def forum_access_grant(*, forum: Forum, user: User, acting_user: User | None) -> bool:
    """Let `user` read the private `forum`; return whether access is new."""
    _, created = ForumAccess.objects.get_or_create(
        forum=forum, user=user, defaults={"granted_by": acting_user}
    )
    viewer_forget(user)
    return created


@transaction.atomic
def forum_access_revoke(*, forum: Forum, user: User, acting_user: User | None) -> bool:
    """Withdraw `user`'s access to the private `forum`; return whether they had it."""
    deleted, _ = ForumAccess.objects.filter(forum=forum, user=user).delete()
    viewer_forget(user)
    return bool(deleted)
