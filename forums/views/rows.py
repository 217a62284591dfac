"""The HTML of the list pages' rows: index forums, a forum's threads, a thread's posts.

Built here, in Python, because a dozen template tags per row were most of these pages'
rendering time (bench/README.md). Every piece goes through `format_html` or
`format_html_join`: each value is escaped exactly once, whatever it is (a member's handle, a
thread title, a content warning, a moderator's note, a translated label), and only what is
already safe HTML passes as is: the post's sanitised `body_html` (forums/markdown.py), the
`<time>` tags (forums/views/display.py), the CSRF input and the reaction buttons (rendered by
an autoescaping template). This is the only module that marks row HTML safe.
"""

from functools import lru_cache

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from forums import selectors
from forums.enums import ForumVisibility, PostStatus, ThreadStatus

EMPTY = mark_safe("")


def badge(label: str, style: str = "text-bg-light border") -> SafeString:
    """A row's badge."""
    return format_html('<span class="badge {}">{}</span>', style, label)


def _join(parts) -> SafeString:
    """Join pieces that are each safe already (format_html's results). SafeString + SafeString
    stays safe; were a piece a plain str, the result would be a plain str, which templates
    escape: a mistake here shows as visible markup, never as live HTML."""
    joined = EMPTY
    for part in parts:
        joined += part
    return joined


# --- The index -----------------------------------------------------------------------------------


class IndexLabels:
    """The index rows' labels, translated once per page."""

    def __init__(self):
        self.badges = {
            ForumVisibility.MEMBERS: badge(_("Members only")),
            ForumVisibility.PRIVATE: badge(_("Private")),
        }
        self.latest = _("latest:")
        self.log_in = _("Log in to read this forum.")


def index_row(forum, labels: IndexLabels) -> SafeString:
    """A forum's row on the index: name and badge, description, counts and latest post (or
    "log in")."""
    description = (
        format_html('<p class="mb-1">{}</p>', forum.description) if forum.description else EMPTY
    )
    if forum.viewer_may_read:
        latest = EMPTY
        if forum.last_post:
            latest = format_html(
                ' · {} <a href="{}">{}</a>, {}',
                labels.latest,
                forum.last_post_url,
                Truncator(forum.last_post.thread.shown_title).chars(60),
                forum.last_post_time,
            )
        meta = format_html("\n{}\n{}\n", forum.counts_label, latest)
    else:
        meta = format_html("{}", labels.log_in)
    return format_html(
        '<li class="forum-row"><h3 class="h5 mb-1"><a href="{}">{}</a>\n{}\n</h3>'
        '{}<p class="forum-meta text-body-secondary mb-0">{}</p></li>',
        forum.url,
        forum.name,
        labels.badges.get(forum.visibility, EMPTY),
        description,
        meta,
    )


# --- A forum's threads ---------------------------------------------------------------------------


class ThreadLabels:
    """A forum page's row labels, translated once per page, and the opening of a row for each
    combination of its badges (built once: a page has 30 rows and a handful of combinations)."""

    def __init__(self):
        self.pinned = badge(_("Pinned"))
        self.locked = badge(_("Locked"))
        self.held = badge(_("Waiting for review"), "text-bg-warning")
        self.unread = format_html(
            '{}<span class="visually-hidden"> {}</span>',
            _("new"),
            _("posts: jump to the first unread"),
        )
        self.former_member = _("a former member")
        self._openings: dict[tuple, SafeString] = {}

    def opening(self, *, is_unread: bool, is_pinned: bool, is_locked: bool, is_held: bool):
        key = (is_unread, is_pinned, is_locked, is_held)
        if key not in self._openings:
            self._openings[key] = format_html(
                "<tr{}><td>\n{}\n{}\n{}\n",
                mark_safe(' class="is-unread"') if is_unread else EMPTY,
                self.pinned if is_pinned else EMPTY,
                self.locked if is_locked else EMPTY,
                self.held if is_held else EMPTY,
            )
        return self._openings[key]


def thread_row(thread, labels: ThreadLabels) -> SafeString:
    """A thread's row on its forum's page: badges, title, unread marker, author, replies and
    latest activity."""
    unread = EMPTY
    if thread.is_unread:
        unread = format_html(
            '<a class="unread-marker" href="{}">{}</a>', thread.unread_url, labels.unread
        )
    opening = labels.opening(
        is_unread=thread.is_unread,
        is_pinned=thread.is_pinned,
        is_locked=thread.is_locked,
        is_held=thread.status == ThreadStatus.HELD,
    )
    return format_html(
        '{}<a href="{}">{}</a>\n{}\n</td><td>{}</td><td class="text-end">{}</td><td>{}</td></tr>',
        opening,
        thread.url,
        thread.shown_title,
        unread,
        thread.author.handle if thread.author else labels.former_member,
        thread.reply_count_label,
        thread.last_post_time,
    )


# --- A thread's posts ----------------------------------------------------------------------------


class PostLabels:
    """The labels of a post's header, body and footer, translated and escaped once per
    language (as safe strings, so that each row passes them on without escaping them again)."""

    def __init__(self):
        self._translate()
        for name, value in vars(self).items():
            if isinstance(value, dict):
                setattr(self, name, {key: escape(label) for key, label in value.items()})
            else:
                setattr(self, name, escape(value))
        self.edited_tag = format_html('<span class="text-body-secondary">{}</span>', self.edited)

    def _translate(self):
        self.former_member = _("a former member")
        self.link = _("(link to this post)")
        self.edited = _("edited")
        self.quote = _("Quote")
        self.edit = _("Edit")
        self.delete = _("Delete")
        self.report = _("Report")
        self.this_post = _("this post")
        self.revisions = _("Earlier versions")
        self.bookmark = _("Bookmark")
        self.unbookmark = _("Remove bookmark")
        self.held_own = _(
            "Waiting for a moderator's review: only you and the moderators can see this post "
            "for now."
        )
        self.held = _("Held for review.")
        self.removed_own = _("A moderator removed this post. Only you can still see it.")
        self.removed = _("Removed by a moderator.")
        self.removed_by_author = _("This post was removed by its author.")
        self.removed_by_moderator = _("This post was removed by a moderator.")
        self.awaiting_review = _("This post is waiting for a moderator’s review.")
        self.collapsed = {
            selectors.COLLAPSED_BLOCKED: _("Hidden: you blocked this member."),
            selectors.COLLAPSED_MUTED_MEMBER: _("Hidden: a member you muted."),
            selectors.COLLAPSED_MUTED_WORD: _("Hidden: contains a word you muted."),
        }
        self.show_anyway = _("(show anyway)")
        self.content_warning = _("Content warning:")
        self.open_to_read = _("(open to read)")
        self.moderator_note = _("Moderator's note:")
        self.supporter = _("peer supporter")
        self.check_in = _("Ask a moderator to check in")


def post_html(post, labels: PostLabels, csrf_input) -> SafeString:
    """A post: its header, body and (when the viewer may read it) footer."""
    footer = post_footer(post, labels, csrf_input) if post.viewer_may_read_body else EMPTY
    return format_html("{}{}{}</article>", post_head(post, labels), post_body(post, labels), footer)


_HEAD = (
    '<article class="post card mb-3{status}" id="post-{pk}" aria-labelledby="post-{pk}-by">'
    '<header class="card-header d-flex flex-wrap gap-2 align-items-baseline">'
    '<h2 class="h6 mb-0" id="post-{pk}-by">{author}</h2>'
    '<a class="text-body-secondary" href="{permalink}">{time}'
    '<span class="visually-hidden"> {link}</span></a>'
    '{edited}<span class="ms-auto text-body-secondary">#{position}</span></header>'
)
_HEAD_WITH_AUTHOR = _HEAD.replace("{author}", '<a href="{author_url}">{handle}</a>')
_HEAD_WITH_SUPPORTER = _HEAD.replace(
    "{author}",
    '<a href="{author_url}">{handle}</a><span class="supporter-badge">{supporter}</span>',
)


def post_head(post, labels: PostLabels) -> SafeString:
    """The post's opening tag and header: author, time and permalink, "edited", number."""
    values = {
        "status": "" if post.status == PostStatus.PUBLISHED else f" post-{post.status}",
        "pk": post.pk,
        "permalink": post.permalink,
        "time": post.time,
        "link": labels.link,
        "edited": labels.edited_tag if post.edited_at else EMPTY,
        "position": post.position,
    }
    if post.author and getattr(post, "author_is_supporter", False):
        return format_html(
            _HEAD_WITH_SUPPORTER,
            author_url=post.author_url,
            handle=post.author.handle,
            supporter=labels.supporter,
            **values,
        )
    if post.author:
        return format_html(
            _HEAD_WITH_AUTHOR, author_url=post.author_url, handle=post.author.handle, **values
        )
    return format_html(_HEAD, author=labels.former_member, **values)


def _post_notices(post, labels: PostLabels) -> SafeString:
    if post.status not in (PostStatus.HELD, PostStatus.REMOVED_BY_MODERATOR):
        return EMPTY
    parts = []
    if post.status == PostStatus.HELD:
        notice = labels.held_own if post.viewer_is_author else labels.held
        parts.append(format_html('<p class="alert alert-warning mb-2">{}</p>', notice))
    if post.status == PostStatus.REMOVED_BY_MODERATOR and post.viewer_may_read_body:
        notice = labels.removed_own if post.viewer_is_author else labels.removed
        parts.append(
            format_html(
                '<p class="alert alert-secondary mb-2">{}{}</p>',
                notice,
                format_html(" {}", post.moderation_notice) if post.moderation_notice else EMPTY,
            )
        )
    return _join(parts)


def _post_text(post, labels: PostLabels) -> SafeString:
    # body_html is sanitised HTML stored when the post was written (forums/markdown.py).
    body = mark_safe(post.body_html)
    warning = post.content_warning
    if not post.viewer_may_read_body:
        if post.status == PostStatus.PUBLISHED:  # a crisis post awaiting review, to visitors
            placeholder = labels.awaiting_review
        elif post.status == PostStatus.REMOVED_BY_AUTHOR:
            placeholder = labels.removed_by_author
        else:
            placeholder = labels.removed_by_moderator
        return format_html(
            '<p class="post-placeholder text-body-secondary fst-italic mb-0">{}</p>', placeholder
        )
    if post.viewer_collapse_reason:
        shown_warning = EMPTY
        if warning:
            shown_warning = format_html(
                '<p class="mt-2 mb-0"><strong>{}</strong> {}</p>', labels.content_warning, warning
            )
        return format_html(
            '<details class="collapsed-post"><summary>{} '
            '<span class="text-body-secondary">{}</span></summary>'
            '{}<div class="post-body mt-2">{}</div></details>',
            labels.collapsed[post.viewer_collapse_reason],
            labels.show_anyway,
            shown_warning,
            body,
        )
    if warning:
        return format_html(
            '<details class="content-warning"><summary><strong>{}</strong> {} '
            '<span class="text-body-secondary">{}</span></summary>'
            '<div class="post-body mt-2">{}</div></details>',
            labels.content_warning,
            warning,
            labels.open_to_read,
            body,
        )
    return format_html('<div class="post-body">{}</div>', body)


def post_body(post, labels: PostLabels) -> SafeString:
    """The post's body: held or removed notices, the text (or its placeholder), open or behind
    a content warning or a "show anyway" collapse, and a moderator's note."""
    note = EMPTY
    if post.moderator_note and post.viewer_may_read_body:
        note = format_html(
            '<p class="moderator-note small mt-2 mb-0"><strong>{}</strong> {}</p>',
            labels.moderator_note,
            post.moderator_note,
        )
    notices = _post_notices(post, labels)
    if not (notices or note):
        return format_html('<div class="card-body">{}</div>', _post_text(post, labels))
    return format_html(
        '<div class="card-body">{}{}{}</div>', notices, _post_text(post, labels), note
    )


# The footer's actions, in order: (flag on the post, the link's markup with its named values).
_ACTIONS = (
    ("viewer_can_quote", '<a href="{quote_url}">{quote}</a>'),
    ("viewer_can_edit", '<a href="{edit_url}">{edit}</a>'),
    ("viewer_can_delete", '<a href="{delete_url}">{delete}</a>'),
    (
        "viewer_can_report",
        '<a href="{report_url}">{report}<span class="visually-hidden"> {this_post}</span></a>',
    ),
    ("check_in_url", '<a href="{check_in_url}">{check_in}</a>'),
    ("viewer_can_see_revisions", '<a href="{revisions_url}">{revisions}</a>'),
    (
        "viewer_can_bookmark",
        '<form method="post" action="{bookmark_url}">{csrf}'
        '<button type="submit" class="btn btn-link p-0">{bookmark}</button></form>',
    ),
)
_REACT = (
    '<form method="post" action="{react_url}" class="reactions d-flex flex-wrap gap-1">'
    "{csrf}{reaction_buttons}</form>"
)
_COUNTS = '<p class="reactions mb-0 text-body-secondary">{reaction_counts}</p>'
_FOOTER = (
    '<footer class="card-footer d-flex flex-wrap gap-2 align-items-center">'
    '{reactions}<span class="ms-auto d-flex flex-wrap gap-2">{actions}</span></footer>'
)


@lru_cache(maxsize=256)
def _footer_template(flags: tuple[bool, ...], can_react: bool) -> str:
    """The footer's markup for this combination of actions, with a named value for each of
    its URLs and labels: one `format_html` call renders a whole footer."""
    actions = "".join(markup for (_flag, markup), on in zip(_ACTIONS, flags, strict=True) if on)
    return _FOOTER.format(reactions=_REACT if can_react else _COUNTS, actions=actions)


def post_footer(post, labels: PostLabels, csrf_input) -> SafeString:
    """The footer under a post the viewer may read: reactions (buttons, or the counts), then
    the actions the viewer may take."""
    flags = tuple(bool(getattr(post, flag, False)) for flag, _markup in _ACTIONS)
    values = {}
    if post.viewer_can_react or post.viewer_can_bookmark:
        values["csrf"] = csrf_input()
    if post.viewer_can_react:
        values.update(react_url=post.react_url, reaction_buttons=post.reaction_buttons)
    else:
        values["reaction_counts"] = format_html_join(
            "",
            '<span class="reaction-count">{}</span> ',
            ((reaction["text"],) for reaction in post.reaction_counts),
        )
    if post.viewer_can_quote:
        values.update(quote_url=post.quote_url, quote=labels.quote)
    if post.viewer_can_edit:
        values.update(edit_url=post.edit_url, edit=labels.edit)
    if post.viewer_can_delete:
        values.update(delete_url=post.delete_url, delete=labels.delete)
    if post.viewer_can_report:
        values.update(report_url=post.report_url, report=labels.report, this_post=labels.this_post)
    if getattr(post, "check_in_url", ""):
        values.update(check_in_url=post.check_in_url, check_in=labels.check_in)
    if post.viewer_can_see_revisions:
        values.update(revisions_url=post.revisions_url, revisions=labels.revisions)
    if post.viewer_can_bookmark:
        label = labels.unbookmark if post.viewer_bookmarked else labels.bookmark
        values.update(bookmark_url=post.bookmark_url, bookmark=label)
    return format_html(_footer_template(flags, post.viewer_can_react), **values)
