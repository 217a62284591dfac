"""Reading: the forum index, a forum's threads, a thread's posts, permalinks, revisions."""

from functools import lru_cache
from html import escape  # as django.utils.html.escape on a str, without its lazy-string check
from itertools import groupby

from django.contrib.humanize.templatetags.humanize import intcomma
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from forums import permissions, selectors, services
from forums.enums import ForumVisibility, PostStatus, ThreadStatus
from forums.models import THREADS_PER_PAGE, Post, Thread
from forums.views.common import noindex, page_number, pagination
from forums.views.display import office_hours_for, time_tag, url_builder


def index(request):
    """The home page: forums grouped by section, with counts and latest activity."""
    forums = selectors.forum_index_for(request.user)
    forum_url = url_builder("forums:forum", "slug")
    post_url = url_builder("forums:post", "pk")
    labels = _IndexLabels()
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
        forum.row = _index_row(forum, labels)
    sections = [
        (section, list(members))
        for section, members in groupby(forums, key=lambda forum: forum.section)
    ]
    return render(request, "forums/index.html", {"sections": sections})


def _badge(label: str, style: str = "text-bg-light border") -> str:
    """A row's badge; `label` is a translation of a template literal (trusted, not escaped)."""
    return f'<span class="badge {style}">{label}</span>'


class _IndexLabels:
    """The index rows' labels as `{% translate %}` wrote them: translations of the template's
    literals, which Django treats as safe (not escaped)."""

    def __init__(self):
        self.badges = {
            ForumVisibility.MEMBERS: _badge(_("Members only")),
            ForumVisibility.PRIVATE: _badge(_("Private")),
        }
        self.latest = _("latest:")
        self.log_in = _("Log in to read this forum.")


def _index_row(forum, labels: _IndexLabels) -> SafeString:
    """A forum's row on the index: name and badge, description, counts and latest post (or
    "log in"), built here rather than with a dozen template tags per row."""
    description = f'<p class="mb-1">{escape(forum.description)}</p>' if forum.description else ""
    if forum.viewer_may_read:
        latest = ""
        if forum.last_post:
            title = escape(Truncator(forum.last_post.thread.title).chars(60))
            latest = (
                f' · {labels.latest} <a href="{escape(forum.last_post_url)}">{title}</a>, '
                f"{forum.last_post_time}"
            )
        meta = f"\n{escape(forum.counts_label)}\n{latest}\n"
    else:
        meta = labels.log_in
    return SafeString(  # every value is escaped or already safe HTML
        f'<li class="forum-row"><h3 class="h5 mb-1"><a href="{escape(forum.url)}">'
        f"{escape(forum.name)}</a>\n{labels.badges.get(forum.visibility, '')}\n</h3>"
        f'{description}<p class="forum-meta text-body-secondary mb-0">{meta}</p></li>'
    )


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
    # The labels as `{% translate %}` wrote them: translations of the template's literals,
    # which Django treats as safe (not escaped).
    pinned = _badge(_("Pinned"))
    locked = _badge(_("Locked"))
    held = _badge(_("Waiting for review"), "text-bg-warning")
    unread_label = (
        f'{_("new")}<span class="visually-hidden"> {_("posts: jump to the first unread")}'
    )
    former_member = _("a former member")
    is_member = user.is_authenticated
    for thread in threads:
        last_read = getattr(thread, "viewer_last_read", None)
        thread.is_unread = is_member and (
            last_read is None or last_read < thread.last_post_position
        )
        thread.url = thread_url(thread.pk, thread.slug)
        thread.unread_url = unread_url(thread.pk) if thread.is_unread else ""
        thread.reply_count_label = intcomma(thread.reply_count)
        thread.last_post_time = time_tag(thread.last_post_at)
        unread = (
            f'<a class="unread-marker" href="{escape(thread.unread_url)}">{unread_label}</span></a>'
            if thread.is_unread
            else ""
        )
        author = escape(thread.author.handle) if thread.author else former_member
        row_class = ' class="is-unread"' if thread.is_unread else ""
        thread.row = SafeString(  # every value is escaped or already safe HTML
            f"<tr{row_class}>"
            f"<td>\n{pinned if thread.is_pinned else ''}"
            f"\n{locked if thread.is_locked else ''}"
            f"\n{held if thread.status == ThreadStatus.HELD else ''}"
            f'\n<a href="{escape(thread.url)}">{escape(thread.title)}</a>\n{unread}\n</td>'
            f"<td>{author}</td>"
            f'<td class="text-end">{escape(thread.reply_count_label)}</td>'
            f"<td>{thread.last_post_time}</td></tr>"
        )


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


class _PostLabels:
    """The labels of a post's header and footer, translated and escaped once per page (the
    same messages the template used)."""

    def __init__(self):
        self.former_member = escape(_("a former member"))
        self.link = escape(_("(link to this post)"))
        self.edited = escape(_("edited"))
        self.quote = escape(_("Quote"))
        self.edit = escape(_("Edit"))
        self.delete = escape(_("Delete"))
        self.report = escape(_("Report"))
        self.this_post = escape(_("this post"))
        self.revisions = escape(_("Earlier versions"))
        self.bookmark = escape(_("Bookmark"))
        self.unbookmark = escape(_("Remove bookmark"))
        # The body's labels as `{% translate %}` wrote them: translations of the template's
        # literals, which Django treats as safe (not escaped).
        self.held_own = _(
            "Waiting for a moderator's review: only you and the moderators can see this post "
            "for now."
        )
        self.held = _("Held for review.")
        self.removed_own = _("A moderator removed this post. Only you can still see it.")
        self.removed = _("Removed by a moderator.")
        self.removed_by_author = _("This post was removed by its author.")
        self.removed_by_moderator = _("This post was removed by a moderator.")
        self.collapsed = {
            selectors.COLLAPSED_BLOCKED: _("Hidden: you blocked this member."),
            selectors.COLLAPSED_MUTED_MEMBER: _("Hidden: a member you muted."),
            selectors.COLLAPSED_MUTED_WORD: _("Hidden: contains a word you muted."),
        }
        self.show_anyway = _("(show anyway)")
        self.content_warning = _("Content warning:")
        self.open_to_read = _("(open to read)")
        self.moderator_note = _("Moderator's note:")


@lru_cache(maxsize=16)
def _post_labels(language: str) -> _PostLabels:
    """The labels in `language` (the active one), translated once per process."""
    return _PostLabels()


def _post_footer(post, labels: _PostLabels, csrf_input) -> SafeString:
    """The footer under a post the viewer may read: reactions (buttons, or the counts), then
    the actions the viewer may take. Built here rather than in forums/_posts.html, where its
    dozen conditions and two `{% csrf_token %}` per post were most of the page's rendering."""
    if post.viewer_can_react:
        reactions = (
            f'<form method="post" action="{escape(post.react_url)}" '
            f'class="reactions d-flex flex-wrap gap-1">{csrf_input()}{post.reaction_buttons}</form>'
        )
    else:
        counts = "".join(
            f'<span class="reaction-count">{escape(r["text"])}</span> '
            for r in post.reaction_counts
        )
        reactions = f'<p class="reactions mb-0 text-body-secondary">{counts}</p>'
    links = []
    if post.viewer_can_quote:
        links.append(f'<a href="{escape(post.quote_url)}">{labels.quote}</a>')
    if post.viewer_can_edit:
        links.append(f'<a href="{escape(post.edit_url)}">{labels.edit}</a>')
    if post.viewer_can_delete:
        links.append(f'<a href="{escape(post.delete_url)}">{labels.delete}</a>')
    if post.viewer_can_report:
        links.append(
            f'<a href="{escape(post.report_url)}">{labels.report}'
            f'<span class="visually-hidden"> {labels.this_post}</span></a>'
        )
    if post.viewer_can_see_revisions:
        links.append(f'<a href="{escape(post.revisions_url)}">{labels.revisions}</a>')
    if post.viewer_can_bookmark:
        label = labels.unbookmark if post.viewer_bookmarked else labels.bookmark
        links.append(
            f'<form method="post" action="{escape(post.bookmark_url)}">{csrf_input()}'
            f'<button type="submit" class="btn btn-link p-0">{label}</button></form>'
        )
    return SafeString(  # every value above is escaped or already safe HTML
        '<footer class="card-footer d-flex flex-wrap gap-2 align-items-center">'
        f'{reactions}<span class="ms-auto d-flex flex-wrap gap-2">{"".join(links)}</span>'
        "</footer>"
    )


def _post_head(post, labels: _PostLabels) -> SafeString:
    """The post's opening tag and header (author, time and permalink, "edited", number), built
    here for the same reason as its footer."""
    status = "" if post.status == PostStatus.PUBLISHED else f" post-{escape(post.status)}"
    if post.author:
        author = f'<a href="{escape(post.author_url)}">{escape(post.author.handle)}</a>'
    else:
        author = labels.former_member
    edited = f'<span class="text-body-secondary">{labels.edited}</span>' if post.edited_at else ""
    return SafeString(  # every value above is escaped or already safe HTML
        f'<article class="post card mb-3{status}" id="post-{post.pk}" '
        f'aria-labelledby="post-{post.pk}-by">'
        '<header class="card-header d-flex flex-wrap gap-2 align-items-baseline">'
        f'<h2 class="h6 mb-0" id="post-{post.pk}-by">{author}</h2>'
        f'<a class="text-body-secondary" href="{escape(post.permalink)}">{post.time}'
        f'<span class="visually-hidden"> {labels.link}</span></a>'
        f'{edited}<span class="ms-auto text-body-secondary">#{post.position}</span></header>'
    )


def _post_body(post, labels: _PostLabels) -> SafeString:
    """The post's body: held or removed notices, the text (or its placeholder), open or behind
    a content warning or a "show anyway" collapse, and a moderator's note. Built here for the
    same reason as its header and footer; the text is sanitised HTML stored when it was written
    (forums/markdown.py), every other value is escaped."""
    parts = ['<div class="card-body">']
    may_read = post.viewer_may_read_body
    if post.status == PostStatus.HELD:
        notice = labels.held_own if post.viewer_is_author else labels.held
        parts.append(f'<p class="alert alert-warning mb-2">{notice}</p>')
    if post.status == PostStatus.REMOVED_BY_MODERATOR and may_read:
        notice = labels.removed_own if post.viewer_is_author else labels.removed
        if post.moderation_notice:
            notice = f"{notice} {conditional_escape(post.moderation_notice)}"
        parts.append(f'<p class="alert alert-secondary mb-2">{notice}</p>')
    warning = conditional_escape(post.content_warning) if post.content_warning else ""
    if not may_read:
        placeholder = (
            labels.removed_by_author
            if post.status == PostStatus.REMOVED_BY_AUTHOR
            else labels.removed_by_moderator
        )
        parts.append(
            f'<p class="post-placeholder text-body-secondary fst-italic mb-0">{placeholder}</p>'
        )
    elif post.viewer_collapse_reason:
        reason = labels.collapsed[post.viewer_collapse_reason]
        parts.append(
            f'<details class="collapsed-post"><summary>{reason} '
            f'<span class="text-body-secondary">{labels.show_anyway}</span></summary>'
        )
        if warning:
            parts.append(
                f'<p class="mt-2 mb-0"><strong>{labels.content_warning}</strong> {warning}</p>'
            )
        parts.append(f'<div class="post-body mt-2">{post.body_html}</div></details>')
    elif warning:
        parts.append(
            f'<details class="content-warning"><summary><strong>{labels.content_warning}'
            f"</strong> {warning} "
            f'<span class="text-body-secondary">{labels.open_to_read}</span></summary>'
            f'<div class="post-body mt-2">{post.body_html}</div></details>'
        )
    else:
        parts.append(f'<div class="post-body">{post.body_html}</div>')
    if post.moderator_note and may_read:
        parts.append(
            f'<p class="moderator-note small mt-2 mb-0"><strong>{labels.moderator_note}</strong> '
            f"{conditional_escape(post.moderator_note)}</p>"
        )
    parts.append("</div>")
    return SafeString("".join(parts))  # body_html is sanitised; everything else is escaped


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
    for post in posts:
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
        footer = _post_footer(post, labels, csrf_input) if post.viewer_may_read_body else ""
        post.html = SafeString(
            f"{_post_head(post, labels)}{_post_body(post, labels)}{footer}</article>"
        )


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
