"""The forums' places to write, as the Drafts page knows them (registered with
`drafts.places` in `ForumsConfig.ready()`): a new thread in a forum, a reply to a thread, an
edit of one's own post."""

from django.urls import reverse
from django.utils.translation import gettext as _

from drafts.enums import PlaceKind
from drafts.places import PlaceOwner
from forums.models import (
    BODY_MAX_LENGTH,
    CONTENT_WARNING_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Forum,
    Post,
    Thread,
)
from forums.permissions import can_edit_post, can_reply_to_thread, can_start_thread
from forums.selectors import can_read_thread, forum_list_readable_by

POST_LIMITS = {"content_warning": CONTENT_WARNING_MAX_LENGTH, "body": BODY_MAX_LENGTH}


def describe_forum_places(user, ids: dict[str, set[int]]) -> dict[str, tuple[str, str | None]]:
    """Where `user`'s drafts in the forums belong, checked against what they may reach now (a
    thread hidden since is named only vaguely, never by its title)."""
    found: dict[str, tuple[str, str | None]] = {}
    readable = set(forum_list_readable_by(user).values_list("pk", flat=True))
    for forum in Forum.objects.filter(pk__in=ids.get(PlaceKind.THREAD, ())):
        if forum.pk in readable and can_start_thread(user, forum):
            url = reverse("forums:thread_create", kwargs={"slug": forum.slug})
            found[f"thread:{forum.pk}"] = (_("in %(forum)s") % {"forum": forum.name}, url)
    for thread in Thread.objects.filter(pk__in=ids.get(PlaceKind.REPLY, ())).select_related(
        "forum"
    ):
        if thread.forum_id in readable and can_read_thread(user, thread):
            url = reverse("forums:reply", kwargs={"pk": thread.pk})
            found[f"reply:{thread.pk}"] = (
                _("to “%(title)s”") % {"title": thread.title},
                url if can_reply_to_thread(user, thread) else None,
            )
    for post in Post.objects.filter(pk__in=ids.get(PlaceKind.EDIT, ()), author=user).select_related(
        "thread__forum"
    ):
        if post.thread.forum_id in readable and can_read_thread(user, post.thread):
            url = reverse("forums:post_edit", kwargs={"pk": post.pk})
            found[f"edit:{post.pk}"] = (
                _("in “%(title)s”") % {"title": post.thread.title},
                url if can_edit_post(user, post) else None,
            )
    return found


FORUM_PLACES = PlaceOwner(
    limits={
        PlaceKind.THREAD: {"title": TITLE_MAX_LENGTH, **POST_LIMITS},
        PlaceKind.REPLY: POST_LIMITS,
        PlaceKind.EDIT: POST_LIMITS,
    },
    describe=describe_forum_places,
)
