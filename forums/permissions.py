"""Who may do what in the forums: `can_*` predicates for templates, `check_*` that raise.

`check_*` raise Http404 where the viewer must not learn the thing exists (a private forum, a
held post), and PermissionDenied where they can already see it (a locked thread).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.enums import TrustLevel
from accounts.selectors import is_peer_supporter
from forums.enums import PostStatus, ThreadStarters, ThreadStatus
from forums.models import Forum, Post, Thread
from forums.selectors import (
    can_read_forum,
    can_read_post_body,
    can_read_revisions,
    can_read_thread,
    can_see_forum_listing,
    can_see_post,
    viewer_is_moderator,
    viewer_moderates_forum,
)

__all__ = [
    "can_bookmark_post",
    "can_delete_post",
    "can_edit_post",
    "can_follow_forum",
    "can_react_to_post",
    "can_read_forum",
    "can_read_post_body",
    "can_read_thread",
    "can_reply_to_thread",
    "can_see_forum_listing",
    "can_see_post",
    "can_start_thread",
    "can_view_post_revisions",
    "can_watch_thread",
    "check_read_forum",
    "check_read_thread",
    "viewer_is_moderator",
    "viewer_moderates_forum",
]


def _is_member(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_start_thread(user, forum: Forum) -> bool:
    """Return whether `user` may start a thread in `forum` under its posting policy."""
    if not _is_member(user) or not can_read_forum(user, forum):
        return False
    if viewer_moderates_forum(user, forum.pk):
        return True
    if forum.thread_starters == ThreadStarters.MODERATORS:
        return False
    if forum.thread_starters == ThreadStarters.TRUSTED:
        return user.trust_level == TrustLevel.TRUSTED
    return True


def can_reply_to_thread(user, thread: Thread) -> bool:
    """Return whether `user` may reply: a member who can read it, and the thread not locked."""
    return (
        _is_member(user)
        and not thread.is_locked
        and thread.status != ThreadStatus.REMOVED
        and can_read_thread(user, thread)
    )


def can_edit_post(user, post: Post) -> bool:
    """Return whether `user` may edit `post`: their own, not removed, thread not locked."""
    return (
        _is_member(user)
        and post.author_id == user.pk
        and post.status in (PostStatus.PUBLISHED, PostStatus.HELD)
        and not post.thread.is_locked
    )


def can_delete_post(user, post: Post) -> bool:
    """Return whether `user` may remove `post` as its author."""
    return (
        _is_member(user)
        and post.author_id == user.pk
        and post.status in (PostStatus.PUBLISHED, PostStatus.HELD)
    )


def can_react_to_post(user, post: Post) -> bool:
    """Return whether `user` may react to `post`: someone else's published post."""
    return _is_member(user) and post.status == PostStatus.PUBLISHED and post.author_id != user.pk


def can_bookmark_post(user, post: Post) -> bool:
    """Return whether `user` may bookmark `post` (a post whose text they may read)."""
    return _is_member(user) and can_read_post_body(user, post)


def can_view_post_revisions(user, post: Post) -> bool:
    """Return whether `user` may read the earlier versions of `post` (its forum's moderators)."""
    return can_read_revisions(user, post)


def can_watch_thread(user, thread: Thread) -> bool:
    """Return whether `user` may watch or mute `thread`."""
    return _is_member(user) and can_read_thread(user, thread)


def can_follow_forum(user, forum: Forum) -> bool:
    """Return whether `user` may follow `forum`."""
    return _is_member(user) and can_read_forum(user, forum)


def check_read_forum(user, forum: Forum) -> None:
    """Raise Http404 unless `user` may read `forum` (its existence may be secret)."""
    if not can_read_forum(user, forum):
        raise Http404


def check_read_thread(user, thread: Thread) -> None:
    """Raise Http404 unless `user` may read `thread`."""
    if not can_read_thread(user, thread):
        raise Http404


def check_see_post(user, post: Post) -> None:
    """Raise Http404 unless `post` is visible to `user` (held posts are secret to others)."""
    if not can_read_thread(user, post.thread) or not can_see_post(user, post):
        raise Http404


def check_view_post_revisions(user, post: Post) -> None:
    """Raise Http404 unless `user` may see `post`, PermissionDenied unless they may read its
    earlier versions. A moderator of other forums gets 404: they must not learn the post
    exists."""
    check_see_post(user, post)
    if not can_view_post_revisions(user, post):
        if viewer_is_moderator(user):
            raise Http404
        raise PermissionDenied


def can_see_waiting_list(user) -> bool:
    """Trusted members, peer supporters and moderators see the threads waiting for a reply."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        user.trust_level == TrustLevel.TRUSTED
        or is_peer_supporter(user)
        or viewer_is_moderator(user)
    )


def check_see_waiting_list(user) -> None:
    # 404: the list names threads; members who may not see it need not learn of it.
    if not can_see_waiting_list(user):
        raise Http404
