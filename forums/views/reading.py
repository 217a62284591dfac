"""Reading: the forum index, a forum's threads, a thread's posts, permalinks, revisions."""

from itertools import groupby

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from forums import permissions, selectors, services
from forums.models import THREADS_PER_PAGE, Post, Thread
from forums.views.common import noindex, page_number, pagination


def index(request):
    """The home page: forums grouped by section, with counts and latest activity."""
    forums = list(selectors.forum_list_visible_to(request.user))
    for forum in forums:
        forum.viewer_may_read = permissions.can_read_forum(request.user, forum)
    sections = [
        (section, list(members))
        for section, members in groupby(forums, key=lambda forum: forum.section)
    ]
    return render(request, "forums/index.html", {"sections": sections})


def forum_detail(request, slug: str):
    """A forum: pinned threads first, then by latest activity, with unread markers."""
    user = request.user
    forum = selectors.forum_get_listed(user=user, slug=slug)
    page = page_number(request)
    may_read = permissions.can_read_forum(user, forum)
    page_count = max(1, -(-forum.thread_count // THREADS_PER_PAGE))
    threads = []
    if may_read:
        if page > page_count:
            raise Http404
        start = (page - 1) * THREADS_PER_PAGE
        threads = list(
            selectors.thread_list_visible_to(user, forum)[start : start + THREADS_PER_PAGE]
        )
        for thread in threads:
            last_read = getattr(thread, "viewer_last_read", None)
            thread.is_unread = user.is_authenticated and (
                last_read is None or last_read < thread.last_post_position
            )
    elif page > 1:
        raise Http404
    context = {
        "forum": forum,
        "may_read": may_read,
        "threads": threads,
        "pagination": pagination(page, page_count),
        "can_start_thread": permissions.can_start_thread(user, forum),
        "can_follow": permissions.can_follow_forum(user, forum),
    }
    response = render(request, "forums/forum.html", context)
    return response if forum.is_indexable else noindex(response)


def _decorate(user, thread: Thread, posts: list[Post]) -> None:
    reactions = selectors.reaction_summary_for(user=user, post_ids=[post.pk for post in posts])
    bookmarked = selectors.bookmarked_post_ids(user=user, post_ids=[post.pk for post in posts])
    for post in posts:
        post.reaction_summary = reactions[post.pk]
        post.viewer_bookmarked = post.pk in bookmarked
        post.viewer_can_edit = permissions.can_edit_post(user, post)
        post.viewer_can_delete = permissions.can_delete_post(user, post)
        post.viewer_can_react = permissions.can_react_to_post(user, post)
        post.viewer_can_bookmark = permissions.can_bookmark_post(user, post)
        post.viewer_is_author = user.is_authenticated and post.author_id == user.pk


def thread_detail(request, pk: int, slug: str):
    """A page of a thread (20 posts); marks it read up to the last post shown."""
    user = request.user
    thread = selectors.thread_get_visible(user=user, pk=pk)
    if slug != thread.slug:
        url = thread.get_absolute_url()
        if request.GET.get("page"):
            url += f"?page={request.GET['page']}"
        return redirect(url, permanent=True)
    page = page_number(request)
    if page > thread.page_count:
        raise Http404
    posts = selectors.post_page_for(user, thread, page)
    _decorate(user, thread, posts)
    last_read = getattr(thread, "viewer_last_read", None)
    if user.is_authenticated and posts and posts[-1].position > (last_read or 0):
        services.read_state_mark(user=user, thread=thread, position=posts[-1].position)
    context = {
        "thread": thread,
        "forum": thread.forum,
        "posts": posts,
        "pagination": pagination(page, thread.page_count),
        "can_reply": permissions.can_reply_to_thread(user, thread),
        "can_watch": permissions.can_watch_thread(user, thread),
        "subscription": getattr(thread, "viewer_subscription", None),
        "has_unread": last_read is not None and last_read < thread.last_post_position,
        "is_moderator": permissions.viewer_is_moderator(user),
    }
    response = render(request, "forums/thread.html", context)
    return response if thread.forum.is_indexable else noindex(response)


def thread_redirect(request, pk: int):
    """/t/<id>/ without a slug: send the reader to the thread's canonical address."""
    thread = selectors.thread_get_visible(user=request.user, pk=pk)
    return redirect(thread, permanent=True)


def thread_unread(request, pk: int):
    """Jump to the first post the member has not read yet (or the last page)."""
    thread = selectors.thread_get_visible(user=request.user, pk=pk)
    last_read = getattr(thread, "viewer_last_read", None) or 0
    post = selectors.post_first_unread_for(
        user=request.user, thread=thread, after_position=last_read
    )
    if post is None:
        return redirect(f"{thread.get_absolute_url()}?page={thread.page_count}")
    return redirect(f"{thread.get_absolute_url()}?page={post.page}#post-{post.pk}")


def post_redirect(request, pk: int):
    """A post's permalink: the page of its thread where it appears."""
    post = selectors.post_get_visible(user=request.user, pk=pk)
    url = reverse("forums:thread", kwargs={"pk": post.thread_id, "slug": post.thread.slug})
    return redirect(f"{url}?page={post.page}#post-{post.pk}")


def post_revisions(request, pk: int):
    """Earlier versions of a post, for moderators."""
    post = selectors.post_get_visible(user=request.user, pk=pk)
    permissions.check_view_post_revisions(request.user, post)
    context = {"post": post, "thread": post.thread, "revisions": post.revisions.all()}
    response = render(request, "forums/post_revisions.html", context)
    response.headers.setdefault("Cache-Control", "private, no-store")
    return noindex(response)
