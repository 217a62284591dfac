"""Account erasure's part in the forums: the member's content loses its author, and with
"erase my posts" its text; what was only theirs (reactions, bookmarks...) is deleted."""

from django.utils.html import escape
from django.utils.translation import gettext as _

from accounts.models import User
from forums.models import (
    Bookmark,
    ForumAccess,
    ForumFollow,
    Post,
    PostRevision,
    Reaction,
    ReadState,
    Thread,
    ThreadSubscription,
)


def member_forum_content_erase(user: User, *, erase_posts: bool) -> None:
    """Unlink `user` from their threads, posts and notifications (erasing the text of posts
    and the titles of threads with `erase_posts`); delete their reactions, bookmarks, read
    state, subscriptions, follows, access grants and own notifications. Runs inside the
    account erasure's transaction."""
    posts = Post.objects.filter(author=user)
    if erase_posts:
        text = _("Removed at the author's request.")
        PostRevision.objects.filter(post__author=user).delete()
        posts.update(
            body=text,
            body_html=f"<p>{escape(text)}</p>",
            content_warning="",
            search_vector=None,
        )
        Thread.objects.filter(author=user).update(
            title=_("A thread by a former member"), slug="former-member"
        )
    # Threads stay readable; posts show "a former member" (no author), so nothing links the
    # posts of one former member together.
    posts.update(author=None)
    Thread.objects.filter(author=user).update(author=None)
    for model in (Reaction, Bookmark, ReadState, ThreadSubscription, ForumFollow, ForumAccess):
        model.objects.filter(user=user).delete()
