"""Reading: the forum index, a forum's threads, a thread's posts, permalinks, revisions."""

from functools import lru_cache
from itertools import groupby

from django.contrib.humanize.templatetags.humanize import intcomma
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext

from accounts.selectors import is_peer_supporter, peer_supporter_badge_ids
from forums import hooks, permissions, selectors, services
from forums.enums import PostStatus
from forums.models import THREADS_PER_PAGE, Post, Thread
from forums.support import waiting_count_for
from forums.views import rows
from forums.views.common import noindex, page_number, pagination
from forums.views.display import office_hours_for, time_tag, url_builder


def index(request):
    """The home page: forums grouped by section, with counts and latest activity."""
    forums = selectors.forum_index_for(request.user)
    forum_url = url_builder("forums:forum", "slug")
    post_url = url_builder("forums:post", "pk")
    labels = rows.IndexLabels()
    for forum in forums:
        forum.viewer_may_read = permissions.can_read_forum(request.user, forum)
        forum.url = forum_url(forum.slug)
        if forum.viewer_may_read:
            # The template's `{% blocktranslate count %}` messages, worded here once per row.
            threads, posts = forum.thread_count, forum.post_count
            forum.counts_label = (
                ngettext("%(counter)s thread", "%(counter)s threads", threads)
                % {"counter": localize(threads)}
                + " · "
                + ngettext("%(counter)s post", "%(counter)s posts", posts)
                % {"counter": localize(posts)}
            )
        if forum.viewer_may_read and forum.last_post_id:
            forum.last_post_url = post_url(forum.last_post_id)
            forum.last_post_time = time_tag(forum.last_post_at)
        forum.row = rows.index_row(forum, labels)
    sections = [
        (section, list(members))
        for section, members in groupby(forums, key=lambda forum: forum.section)
    ]
    # Only trusted members, supporters and moderators pay for the waiting count's query.
    waiting_count = (
        waiting_count_for(request.user) if permissions.can_see_waiting_list(request.user) else None
    )
    context = {
        "sections": sections,
        "waiting_count": waiting_count,
        "is_supporter": is_peer_supporter(request.user),
    }
    return render(request, "forums/index.html", context)


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
        threads = selectors.thread_page_for(
            user, forum, start=(page - 1) * THREADS_PER_PAGE, count=THREADS_PER_PAGE
        )
        _decorate_threads(user, threads)
    elif page > 1:
        raise Http404
    context = {
        "forum": forum,
        "may_read": may_read,
        "threads": threads,
        **_pagination_context(request, page, page_count),
        "can_start_thread": permissions.can_start_thread(user, forum),
        "can_follow": permissions.can_follow_forum(user, forum),
        "can_mute": user.is_authenticated and may_read,
        "is_muted": may_read and selectors.forum_is_muted_by(user, forum),
        "office_hours": office_hours_for(user, forum),
    }
    response = render(request, "forums/forum.html", context)
    return response if forum.is_indexable else noindex(response)


def _pagination_context(request, page: int, page_count: int) -> dict:
    """The page links, and forums/_pagination.html rendered once for the page's two copies
    (above and below the list)."""
    links = pagination(request, page, page_count)
    html = render_to_string("forums/_pagination.html", {"pagination": links})
    return {"pagination": links, "pagination_html": mark_safe(html)}  # autoescaped template


def _decorate_threads(user, threads: list[Thread]) -> None:
    """Set each row's unread state, links, reply count and time, and build its HTML (`row`),
    so the template has no tag per row."""
    thread_url = url_builder("forums:thread", "pk", "slug")
    unread_url = url_builder("forums:thread_unread", "pk")
    labels = rows.ThreadLabels()
    is_member = user.is_authenticated
    for thread in threads:
        last_read = getattr(thread, "viewer_last_read", None)
        thread.is_unread = is_member and (
            last_read is None or last_read < thread.last_post_position
        )
        thread.url = thread_url(thread.pk, thread.shown_slug)
        thread.unread_url = unread_url(thread.pk) if thread.is_unread else ""
        thread.reply_count_label = intcomma(thread.reply_count)
        thread.last_post_time = time_tag(thread.last_post_at)
        thread.row = rows.thread_row(thread, labels)


class _PostLinks:
    """Builders for the links a post shows, each reversed once per request."""

    def __init__(self):
        self.profile = url_builder("accounts:profile", "handle")
        self.permalink = url_builder("forums:post", "pk")
        self.react = url_builder("forums:post_react", "pk")
        self.reply = url_builder("forums:reply", "pk")
        self.edit = url_builder("forums:post_edit", "pk")
        self.delete = url_builder("forums:post_delete", "pk")
        self.report = url_builder("moderation:report", "kind", "key")
        self.revisions = url_builder("forums:post_revisions", "pk")
        self.bookmark = url_builder("forums:post_bookmark", "pk")


def _decorate_reactions(post: Post, summary: list[dict], rendered: dict) -> None:
    """Set the post's reaction counts and, if the viewer may react, its buttons.

    Buttons depend only on the counts and the viewer's own reactions, so posts with the same
    state (most often: none yet) share one rendering of forums/_reaction_buttons.html.
    """
    for reaction in summary:
        count = reaction["count"]
        reaction["text"] = f"{reaction['label']} · {count}" if count else reaction["label"]
        reaction["css"] = "btn-secondary" if reaction["mine"] else "btn-outline-secondary"
        reaction["pressed"] = "true" if reaction["mine"] else "false"
    post.reaction_counts = [reaction for reaction in summary if reaction["count"]]
    post.reaction_buttons = ""
    if post.viewer_can_react:
        key = tuple((reaction["kind"], reaction["count"], reaction["mine"]) for reaction in summary)
        if key not in rendered:
            html = render_to_string("forums/_reaction_buttons.html", {"reactions": summary})
            rendered[key] = mark_safe(html.strip())  # the template autoescaped it
        post.reaction_buttons = rendered[key]


@lru_cache(maxsize=16)
def _post_labels(language: str) -> rows.PostLabels:
    """The labels in `language` (the active one), translated once per process."""
    return rows.PostLabels()


def _csrf_input(request):
    """`{% csrf_token %}`'s hidden input, made at most once per page and only when a form
    needs it (a page without forms sets no CSRF cookie, as before)."""
    made = []

    def csrf_input() -> str:
        if not made:
            made.append(
                format_html(
                    '<input type="hidden" name="csrfmiddlewaretoken" value="{}">',
                    get_token(request),
                )
            )
        return made[0]

    return csrf_input


def _decorate(request, thread: Thread, posts: list[Post], *, can_reply: bool) -> None:
    """Set what each post shows this viewer: permissions, reactions, links, time and footer.

    Links are built only for the actions the viewer may take, so the template needs no
    `{% url %}` per post.
    """
    user = request.user
    labels = _post_labels(get_language())
    csrf_input = _csrf_input(request)
    reactions = selectors.reaction_summary_for(user=user, post_ids=[post.pk for post in posts])
    moderates_forum = permissions.viewer_moderates_forum(user, thread.forum_id)
    links = _PostLinks()
    quote_url = f"{links.reply(thread.pk)}?quote="
    rendered_buttons: dict = {}
    # The badges may lag a change made in another process by a few seconds; the check-in link
    # is a permission and is read from the current set (members only: a visitor's page makes no
    # cache call).
    supporter_ids = peer_supporter_badge_ids()
    # Peer supporters may ask a moderator to check in on the author, from the post itself.
    check_in_url = f"{reverse('forums:supporters')}?handle=" if is_peer_supporter(user) else ""
    for post in posts:
        post.author_is_supporter = post.author_id in supporter_ids
        post.check_in_url = (
            f"{check_in_url}{post.author.handle}#check-in-heading"
            if check_in_url and post.author and post.author_id != user.pk and not post.is_removed
            else ""
        )
        post.viewer_can_edit = permissions.can_edit_post(user, post)
        post.viewer_can_delete = permissions.can_delete_post(user, post)
        post.viewer_can_react = permissions.can_react_to_post(user, post)
        _decorate_reactions(post, reactions[post.pk], rendered_buttons)
        post.viewer_can_bookmark = permissions.can_bookmark_post(user, post)
        post.viewer_is_author = user.is_authenticated and post.author_id == user.pk
        post.viewer_can_quote = can_reply and post.status == PostStatus.PUBLISHED
        post.viewer_can_report = (
            user.is_authenticated and post.author_id != user.pk and not post.is_removed
        )
        post.viewer_can_see_revisions = moderates_forum and post.revision > 1
        post.time = time_tag(post.created_at)
        post.permalink = links.permalink(post.pk)
        post.author_url = links.profile(post.author.handle) if post.author else ""
        post.react_url = links.react(post.pk) if post.viewer_can_react else ""
        post.quote_url = f"{quote_url}{post.pk}" if post.viewer_can_quote else ""
        post.edit_url = links.edit(post.pk) if post.viewer_can_edit else ""
        post.delete_url = links.delete(post.pk) if post.viewer_can_delete else ""
        post.report_url = links.report("post", post.pk) if post.viewer_can_report else ""
        post.revisions_url = links.revisions(post.pk) if post.viewer_can_see_revisions else ""
        post.bookmark_url = links.bookmark(post.pk) if post.viewer_can_bookmark else ""
        post.html = rows.post_html(post, labels, csrf_input)


def thread_detail(request, pk: int, slug: str):
    """A page of a thread (20 posts); marks it read up to the last post shown."""
    user = request.user
    thread = selectors.thread_get_visible(user=user, pk=pk)
    if slug != thread.shown_slug:
        url = selectors.thread_url_for(user, thread)
        if request.GET.get("page"):
            url += f"?page={request.GET['page']}"
        return redirect(url, permanent=_is_lasting(thread, slug))
    page = page_number(request)
    if page > thread.page_count:
        raise Http404
    posts = selectors.post_page_for(user, thread, page)
    can_reply = permissions.can_reply_to_thread(user, thread)
    _decorate(request, thread, posts, can_reply=can_reply)
    last_read = getattr(thread, "viewer_last_read", None)
    if user.is_authenticated and posts and posts[-1].position > (last_read or 0):
        services.read_state_mark(user=user, thread=thread, position=posts[-1].position)
    context = {
        "thread": thread,
        "forum": thread.forum,
        "posts": posts,
        **_pagination_context(request, page, thread.page_count),
        "can_reply": can_reply,
        "can_watch": permissions.can_watch_thread(user, thread),
        "subscription": getattr(thread, "viewer_subscription", None),
        "has_unread": last_read is not None and last_read < thread.last_post_position,
        "is_moderator": permissions.viewer_moderates_forum(user, thread.forum_id),
        "office_hours": office_hours_for(user, thread.forum),
        "crisis_panel_post_id": _crisis_panel_post_id(request, thread, posts),
    }
    response = render(request, "forums/thread.html", context)
    # While its title waits for review, the page has nothing for a search engine to keep.
    indexable = thread.forum.is_indexable and thread.shown_slug == thread.slug
    return response if indexable else noindex(response)


def _is_lasting(thread: Thread, slug: str) -> bool:
    """Whether a redirect to the thread's address may be cached for good: not while either end
    is the placeholder's address, which lasts only until a moderator reviews the opening post
    (a cached permanent redirect would then loop between the two)."""
    placeholder = selectors.SLUG_AWAITING_REVIEW
    return thread.shown_slug != placeholder and slug != placeholder


def _crisis_panel_post_id(request, thread: Thread, posts: list[Post]) -> int | None:
    """Help that stays: while the viewer's crisis window is open, the full help panel sits
    above the first of their own posts on this page that carried a crisis signal (and then
    not also at the top of the page). No query for anyone else."""
    user = request.user
    if not user.is_authenticated or not any(post.author_id == user.pk for post in posts):
        return None
    return hooks.crisis_panel_post_id(request, thread_id=thread.pk, posts=posts)


def thread_redirect(request, pk: int):
    """/t/<id>/ without a slug: send the reader to the thread's canonical address."""
    thread = selectors.thread_get_visible(user=request.user, pk=pk)
    url = selectors.thread_url_for(request.user, thread)
    return redirect(url, permanent=_is_lasting(thread, thread.shown_slug))


def thread_unread(request, pk: int):
    """Jump to the first post the member has not read yet (or the last page)."""
    thread = selectors.thread_get_visible(user=request.user, pk=pk)
    last_read = getattr(thread, "viewer_last_read", None) or 0
    post = selectors.post_first_unread_for(
        user=request.user, thread=thread, after_position=last_read
    )
    url = selectors.thread_url_for(request.user, thread)
    if post is None:
        return redirect(f"{url}?page={thread.page_count}")
    return redirect(f"{url}?page={post.page}#post-{post.pk}")


def post_redirect(request, pk: int):
    """A post's permalink: the page of its thread where it appears."""
    post = selectors.post_get_visible(user=request.user, pk=pk)
    url = selectors.thread_url_for(request.user, post.thread)
    return redirect(f"{url}?page={post.page}#post-{post.pk}")


def post_revisions(request, pk: int):
    """Earlier versions of a post, for moderators."""
    post = selectors.post_get_visible(user=request.user, pk=pk)
    permissions.check_view_post_revisions(request.user, post)
    context = {"post": post, "thread": post.thread, "revisions": post.revisions.all()}
    response = render(request, "forums/post_revisions.html", context)
    response.headers.setdefault("Cache-Control", "private, no-store")
    return noindex(response)
