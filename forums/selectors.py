"""The forums' reads: every read of forum content goes through these functions.

Views, search, notifications, digests and exports ask here what a viewer may see, and every
answer comes from the one rule set in `forums.visibility` (each rule yields the queryset filter
and the per-object predicate). What a member may read (`post_readable`, `thread_readable`) is
kept apart from what they chose not to see (`post_unfiltered`: blocks, mutes), which lists,
search, notifications and digests apply on top; a thread page instead shows a blocked or muted
member's post collapsed, with "show anyway" (`post_page_for` sets why).
"""

import html
import re

from django.core.cache import cache
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy

from accounts.cache_keys import (
    OFFICE_HOURS,
    cache_forget,
)
from accounts.models import User
from accounts.selectors import MemberFilters, member_filters_for, member_is_on_break
from core.cache import KeptInProcess
from core.compiled_queries import compiled, int_marker, text_marker
from forums import hooks, visibility
from forums.enums import (
    ForumVisibility,
    PostStatus,
    ReactionKind,
    ThreadStatus,
)
from forums.models import (
    POSTS_PER_PAGE,
    Bookmark,
    CheckInOccurrence,
    Forum,
    ForumAccess,
    ForumFollow,
    ForumOfficeHours,
    Post,
    Reaction,
    ReadState,
    Thread,
    ThreadSubscription,
)
from forums.office_hours import StaffedSlot
from forums.visibility import Facts, Viewer, viewer_for
from notifications.enums import NotificationKind
from notifications.models import Notification
from notifications.selectors import notifications_visible_to

# What a row of a forum's thread list shows.
THREAD_ROW_FIELDS = (
    "pk",
    "title",
    "slug",
    "status",
    "is_locked",
    "is_pinned",
    "reply_count",
    "last_post_position",
    "last_post_at",
    "author__handle",
    "is_crisis_review_pending",
)

# What a post on a thread page shows: not the Markdown source, search vector or audit columns.
POST_ROW_FIELDS = (
    "pk",
    "thread_id",
    "position",
    "status",
    "revision",
    "is_crisis_review_pending",
    "content_warning",
    "body_html",
    "created_at",
    "edited_at",
    "moderator_note",
    "moderation_notice",
    "author__handle",
)

# --- The rules (forums/visibility.py), read for a user --------------------------------------------


def viewer_is_moderator(user) -> bool:
    """Return whether `user` moderates any forum (global, or some forums)."""
    return viewer_for(user).is_moderator


def viewer_moderates_forum(user, forum_id: int | None) -> bool:
    """Return whether `user` moderates the forum `forum_id` (globally or by assignment)."""
    return viewer_for(user).moderates_forum(forum_id)


def _q(rule_for, user, *args) -> Q:
    viewer = viewer_for(user) if not isinstance(user, Viewer) else user
    return visibility.q(rule_for(viewer, *args), viewer)


def _allows(rule_for, user, obj) -> bool:
    viewer = viewer_for(user)
    return visibility.allows(rule_for(viewer), obj, viewer)


def _viewer_shape(user) -> tuple[Viewer, dict]:
    """What the SQL of a compiled page query (core.compiled_queries) depends on about its
    viewer: the whole `Viewer` value with a marker in place of their id (the key: a scoped
    moderator never gets a global moderator's SQL), and that marker."""
    viewer = viewer_for(user)
    if not viewer.is_member:
        return viewer, {}
    stand_in = viewer.with_user_id(int_marker(0))
    return stand_in, {"user": stand_in.user_id}


# Why a post on a thread page is collapsed for its viewer ("show anyway" opens it).
COLLAPSED_BLOCKED = "blocked"
COLLAPSED_MUTED_MEMBER = "muted_member"
COLLAPSED_MUTED_WORD = "muted_word"
_TAG_RE = re.compile(r"<[^>]*>")


def post_collapse_reason(filters: MemberFilters, post: Post, *, viewer_id: int | None) -> str:
    """Return why `post` is collapsed for a viewer with these `filters`, or "" (O(1) for an
    author check; one precompiled regex over the post's text for muted words)."""
    if filters.is_empty or post.author_id is None or post.author_id == viewer_id:
        return ""
    if post.author_id in filters.blocked_ids:
        return COLLAPSED_BLOCKED
    if post.author_id in filters.muted_member_ids:
        return COLLAPSED_MUTED_MEMBER
    if filters.mute_words:
        text = html.unescape(_TAG_RE.sub(" ", post.body_html))
        if filters.has_muted_word(text, post.content_warning):
            return COLLAPSED_MUTED_WORD
    return ""


# --- Predicates ----------------------------------------------------------------------------------


def can_read_forum(user, forum: Forum) -> bool:
    """Return whether `user` may read the threads of `forum`."""
    return _allows(visibility.forum_readable, user, forum)


def can_see_forum_listing(user, forum: Forum) -> bool:
    """Return whether `user` may learn that `forum` exists (name and description)."""
    return _allows(visibility.forum_listed, user, forum)


def can_read_thread(user, thread: Thread) -> bool:
    """Return whether `user` may open `thread` (its forum readable, the thread not held)."""
    return _allows(visibility.thread_readable, user, thread)


def can_read_post_body(user, post: Post) -> bool:
    """Return whether `user` may read the text of `post` (else a placeholder is shown)."""
    return _allows(visibility.post_text_shown, user, post)


def can_see_post(user, post: Post) -> bool:
    """Return whether `post` appears at all (maybe as a placeholder) to `user`."""
    return _allows(visibility.post_shown, user, post)


def can_read_revisions(user, post: Post) -> bool:
    """Return whether `user` may read the earlier versions of `post`."""
    return _allows(visibility.revisions_readable, user, post)


def member_ids_who_may_read(*, post: Post, user_ids) -> set[int]:
    """Return those of `user_ids` (active members) who may open the thread of `post` and read
    its text (3 queries: the members, their grants to its forum, staff's assignments)."""
    user_ids = set(user_ids)
    granted = set(
        ForumAccess.objects.filter(forum_id=post.thread.forum_id, user_id__in=user_ids).values_list(
            "user_id", flat=True
        )
    )
    readable = set()
    thread_rule, text_rule = visibility.thread_readable, visibility.post_text_shown
    for user in User.objects.filter(pk__in=user_ids, is_active=True):
        viewer = viewer_for(user)
        grants = frozenset({post.thread.forum_id}) if user.pk in granted else frozenset()
        facts = Facts(user.pk, granted_forum_ids=grants)
        if visibility.allows(thread_rule(viewer), post.thread, facts) and visibility.allows(
            text_rule(viewer), post, facts
        ):
            readable.add(user.pk)
    return readable


# --- Forums ------------------------------------------------------------------------------------


def forum_list_visible_to(user) -> QuerySet[Forum]:
    """Return the forums listed to `user`, less those they muted, with section and latest
    thread loaded."""
    return _forum_list_queryset(viewer_for(user))


def _forum_list_queryset(viewer: Viewer) -> QuerySet[Forum]:
    rule = visibility.forum_listed(viewer) & visibility.forum_unfiltered(viewer)
    return (
        Forum.objects.filter(visibility.q(rule, viewer))
        .select_related("section", "last_post__thread")
        .defer("last_post__body", "last_post__body_html", "last_post__search_vector")
        .order_by("section__order", "section__name", "order", "name")
    )


def forum_index_for(user) -> list[Forum]:
    """Return `forum_list_visible_to(user)` as a list, from a query compiled once per viewer
    shape (core.compiled_queries)."""
    viewer, viewer_marker = _viewer_shape(user)
    query = compiled(
        ("index", viewer),
        lambda **_: _forum_list_queryset(viewer),
        viewer_marker,
        optional=("user",),
    )
    forums = query.run(user=viewer_for(user).user_id)
    thread_titles_decorate(user, [forum.last_post.thread for forum in forums if forum.last_post])
    return forums


def forum_list_readable_by(user) -> QuerySet[Forum]:
    """Return the forums whose threads `user` may read."""
    return Forum.objects.filter(_q(visibility.forum_readable, user)).order_by("order", "name")


def forum_is_muted_by(user, forum: Forum) -> bool:
    """Return whether `user` muted `forum` (no query beyond their cached filters)."""
    return forum.pk in member_filters_for(user).muted_forum_ids


# Each process also keeps the periods it read this long: every forum and thread page shows
# them, to visitors too, and the cache read was a Redis round trip per page (about a quarter of
# a millisecond of the web process's CPU) for something changed in the console a few times a
# year. A change shows at once in the process that made it and within this time elsewhere.
OFFICE_HOURS_KEPT_SECONDS = 30
_office_hours_kept = KeptInProcess(OFFICE_HOURS_KEPT_SECONDS)


def forum_office_hours(forum_id: int) -> list[StaffedSlot]:
    """The forum's staffed periods, kept in the process for a while, else from the cache (one
    query when not cached).

    Every forum and thread page shows them; they change only in the console, and
    forums/signals.py forgets them when a period is saved or deleted.
    """
    # One entry per forum that has a page: bounded by the forums.
    return _office_hours_kept.get(forum_id, lambda: _office_hours_cached(forum_id))


def _office_hours_cached(forum_id: int) -> list[StaffedSlot]:
    key = OFFICE_HOURS.key(forum_id=forum_id)
    slots = cache.get(key)
    if slots is None:
        slots = [
            StaffedSlot(*row)
            for row in ForumOfficeHours.objects.filter(forum_id=forum_id).values_list(
                "weekday", "start_time", "end_time", "time_zone"
            )
        ]
        cache.set(key, slots, OFFICE_HOURS.timeout)
    return slots


def forum_office_hours_forget(forum_id: int) -> None:
    _office_hours_kept.forget(forum_id)
    cache_forget(OFFICE_HOURS, forum_id=forum_id)


def forum_get_listed(*, user, slug: str) -> Forum:
    """Return the forum if `user` may know it exists, else raise 404 (private forums)."""
    viewer_marker = {"user": int_marker(0)} if user.is_authenticated else {}
    query = compiled(
        ("forum", bool(viewer_marker)),
        lambda slug, user=None: _forum_queryset(user, slug),
        {"slug": text_marker(1), **viewer_marker},
    )
    forum = next(iter(query.run(slug=slug, user=user.pk)), None)
    if forum is None or not can_see_forum_listing(user, forum):
        raise Http404
    return forum


def _forum_queryset(user_id: int | None, slug: str) -> QuerySet[Forum]:
    forums = Forum.objects.filter(slug=slug)
    if user_id is not None:
        outer = f"{Forum._meta.db_table}.id"
        forums = forums.annotate(
            viewer_is_following=_viewer_exists(user_id, ForumFollow, "forum_id", outer)
        )
    # One row by its unique slug: no ORDER BY (`.first()` would add one).
    return forums.order_by()[:1]


# --- Threads -----------------------------------------------------------------------------------

# What a viewer reads, and the address they follow, in place of a title the rules withhold
# (`visibility.thread_title_shown`): calm and neutral, and the same for every such thread.
TITLE_AWAITING_REVIEW = gettext_lazy("A post awaiting review")
SLUG_AWAITING_REVIEW = "awaiting-review"


def thread_title_shown_to(user, thread: Thread) -> bool:
    """Return whether `user` may read `thread`'s title (else they see a placeholder)."""
    return _allows(visibility.thread_title_shown, user, thread)


def thread_titles_decorate(user, threads) -> None:
    """Set each thread's `shown_title` and `shown_slug`: its own, or the placeholder's when
    `user` may not read its title. Every page, row and link that shows a title reads these."""
    viewer = viewer_for(user) if not isinstance(user, Viewer) else user
    rule = visibility.thread_title_shown(viewer)
    for thread in threads:
        if visibility.allows(rule, thread, viewer):
            thread.shown_title, thread.shown_slug = thread.title, thread.slug
        else:
            thread.shown_title, thread.shown_slug = TITLE_AWAITING_REVIEW, SLUG_AWAITING_REVIEW


def thread_url_for(user, thread: Thread) -> str:
    """The thread's address as `user` may see it (the placeholder's slug for a withheld
    title: a slug would spell the title out)."""
    thread_titles_decorate(user, [thread])
    return reverse("forums:thread", kwargs={"pk": thread.pk, "slug": thread.shown_slug})


def thread_list_visible_to(user, forum: Forum) -> QuerySet[Thread]:
    """Return `forum`'s threads `user` may see, pinned first then by latest activity."""
    if not can_read_forum(user, forum):
        return Thread.objects.none()
    threads = (
        Thread.objects.filter(_thread_list_q(viewer_for(user)), forum=forum)
        .select_related("author")
        .order_by("-is_pinned", "-last_post_at", "-id")
    )
    if user.is_authenticated:
        threads = threads.annotate(
            viewer_last_read=Subquery(
                ReadState.objects.filter(user=user, thread=OuterRef("pk")).values(
                    "last_read_position"
                )[:1]
            )
        )
    return threads


def _thread_list_q(viewer: Viewer) -> Q:
    rule = visibility.thread_readable(viewer) & visibility.thread_unfiltered(viewer)
    return visibility.q(rule, viewer)


def thread_page_for(user, forum: Forum, *, start: int, count: int) -> list[Thread]:
    """Return `count` threads of `forum` from `start` for `user`, in listing order (1 query).

    The page's ids come from an index-only scan of the listing index (it includes status and
    author), so a deep page skips index entries rather than sorting the whole forum; the
    author and read-state lookups then run for the page's threads only. Compiled once per
    viewer shape (core.compiled_queries).
    """
    if not can_read_forum(user, forum):
        return []
    viewer, viewer_marker = _viewer_shape(user)
    query = compiled(
        ("thread_page", viewer, count),
        lambda forum_id, start, **_: _thread_page_queryset(viewer, forum_id, start, count),
        {"forum_id": int_marker(1), "start": int_marker(2), **viewer_marker},
        optional=("user",),
    )
    threads = query.run(forum_id=forum.pk, start=start, user=viewer_for(user).user_id)
    thread_titles_decorate(user, threads)
    return threads


def _thread_page_queryset(
    viewer: Viewer, forum_id: int, start: int, count: int
) -> QuerySet[Thread]:
    # The forum's readability was checked by the caller (`thread_shown` joins no forum).
    rule = visibility.thread_shown(viewer) & visibility.thread_unfiltered(viewer)
    page_ids = (
        Thread.objects.filter(visibility.q(rule, viewer), forum_id=forum_id)
        .order_by("-is_pinned", "-last_post_at", "-id")
        .values("pk")[start : start + count]
    )
    threads = (
        Thread.objects.filter(pk__in=page_ids)
        .select_related("author")
        .only(*THREAD_ROW_FIELDS)
        .order_by("-is_pinned", "-last_post_at", "-id")
    )
    if viewer.is_member:
        threads = threads.annotate(
            viewer_last_read=_viewer_value(
                viewer.user_id,
                "v.last_read_position",
                ReadState,
                "thread_id",
                f"{Thread._meta.db_table}.id",
            )
        )
    return threads


# The member's own row of a (user, …) table for each row of the outer query, as raw SQL on
# purpose: these run on every page a member opens (read position, watch state, access,
# follows, bookmarks), and as ORM subqueries they cost more to build and compile in Python
# (about 0.3 ms each) than PostgreSQL takes to run the whole query. Each looks up a unique
# (user, …) pair. Table and column names come from the models and the member's id is a query
# parameter: nothing comes from the request. `outer` is "<outer table>.<column>" of the outer
# query's own table, which no join renames.


def _viewer_row(model, column: str, outer: str) -> str:
    return f"FROM {model._meta.db_table} v WHERE v.user_id = %s AND v.{column} = {outer}"


def _viewer_value(user_id: int, select: str, model, column: str, outer: str) -> RawSQL:
    sql = f"SELECT {select} {_viewer_row(model, column, outer)}"
    return RawSQL(sql, (user_id,), output_field=IntegerField())  # noqa: S611


def _viewer_exists(user_id: int, model, column: str, outer: str) -> RawSQL:
    sql = f"EXISTS (SELECT 1 {_viewer_row(model, column, outer)})"
    return RawSQL(sql, (user_id,), output_field=BooleanField())  # noqa: S611


def _viewer_thread_state(user_id: int) -> dict:
    """The member's read position and watch state (1 watching, 2 muted, None), as annotations
    of a thread query."""
    threads = Thread._meta.db_table
    return {
        "viewer_last_read": _viewer_value(
            user_id, "v.last_read_position", ReadState, "thread_id", f"{threads}.id"
        ),
        "viewer_subscription": _viewer_value(
            user_id,
            "CASE WHEN v.is_muted THEN 2 ELSE 1 END",
            ThreadSubscription,
            "thread_id",
            f"{threads}.id",
        ),
    }


def thread_get_visible(*, user, pk: int) -> Thread:
    """Return the thread with the viewer's read and watch state, or 404 if they may not see
    it."""
    viewer = viewer_for(user)
    # The query reads one thread by id, whoever asks; `can_read_thread` then decides.
    viewer_marker = {"user": int_marker(0)} if viewer.is_member else {}
    query = compiled(
        ("thread", viewer.is_member),
        lambda pk, user=None: _thread_queryset(user, pk),
        {"pk": int_marker(1), **viewer_marker},
    )
    thread = next(iter(query.run(pk=pk, user=viewer.user_id)), None)
    if thread is None or not can_read_thread(user, thread):
        raise Http404
    thread_titles_decorate(user, [thread])
    return thread


def _thread_queryset(user_id: int | None, pk: int) -> QuerySet[Thread]:
    threads = Thread.objects.select_related("forum", "author")
    if user_id is not None:
        threads = threads.annotate(**_viewer_thread_state(user_id))
    # One row by primary key: no ORDER BY (`.first()` would add one to compile and send).
    return threads.filter(pk=pk).order_by()[:1]


# --- Posts -------------------------------------------------------------------------------------


def post_list_visible_to(user, thread: Thread) -> QuerySet[Post]:
    """Return the posts of `thread` shown to `user` (removed ones as placeholders)."""
    return (
        thread.posts.filter(_q(visibility.post_shown, user))
        .select_related("author")
        .order_by("position")
    )


def post_page_for(user, thread: Thread, page: int) -> list[Post]:
    """Return page `page` of `thread` for `user`: a range scan on position, as fast as page 1.

    Each post carries `viewer_may_read_body`, `viewer_bookmarked` (false for visitors) and
    `viewer_collapse_reason` (blocked or muted author, muted word; "" when shown open).
    """
    first = (page - 1) * POSTS_PER_PAGE + 1
    viewer, viewer_marker = _viewer_shape(user)
    markers = {"thread_id": int_marker(1), "first": int_marker(2), "last": int_marker(3)}
    query = compiled(
        ("post_page", viewer),
        lambda thread_id, first, last, **_: _post_page_queryset(viewer, thread_id, first, last),
        {**markers, **viewer_marker},
        optional=("user",),
    )
    posts = query.run(
        thread_id=thread.pk,
        first=first,
        last=first + POSTS_PER_PAGE - 1,
        user=viewer_for(user).user_id,
    )
    filters = member_filters_for(user)
    viewer_id = user.pk if user.is_authenticated else None
    for post in posts:
        post.thread = thread
        post.viewer_may_read_body = can_read_post_body(user, post)
        post.viewer_bookmarked = getattr(post, "viewer_bookmarked", False)
        post.viewer_collapse_reason = post_collapse_reason(filters, post, viewer_id=viewer_id)
    return posts


def _post_page_queryset(viewer: Viewer, thread_id: int, first: int, last: int) -> QuerySet[Post]:
    posts = (
        Post.objects.filter(thread_id=thread_id)
        .filter(visibility.q(visibility.post_shown(viewer), viewer))
        .select_related("author")
        .order_by("position")
        .filter(position__range=(first, last))
    )
    if viewer.is_member:
        posts = posts.annotate(
            viewer_bookmarked=_viewer_exists(
                viewer.user_id, Bookmark, "post_id", f"{Post._meta.db_table}.id"
            )
        )
    # The LIMIT matters: without it the planner misjudges how many rows a position range of a
    # big thread holds and hashes the whole members table for the author join.
    return posts.only(*POST_ROW_FIELDS)[:POSTS_PER_PAGE]


def post_get_visible(*, user, pk: int) -> Post:
    """Return a post whose thread `user` may read and which they may see, or raise 404."""
    post = Post.objects.select_related("thread__forum", "author").filter(pk=pk).first()
    if post is None or not can_read_thread(user, post.thread) or not can_see_post(user, post):
        raise Http404
    return post


def post_first_unread_for(*, user, thread: Thread, after_position: int) -> Post | None:
    """Return the first post after `after_position` that `user` may see, if any."""
    return (
        post_list_visible_to(user, thread)
        .filter(position__gt=after_position)
        .select_related(None)
        .only("pk", "position", "thread_id")
        .first()
    )


def reaction_summary_for(*, user, post_ids: list[int]) -> dict[int, list[dict]]:
    """Return, per post, each reaction kind with its count and whether `user` gave it (1 query)."""
    kinds = [(kind, str(label)) for kind, label in ReactionKind.choices]  # translate once
    rows = []
    if post_ids:
        viewer_marker = {"user": int_marker(0)} if user.is_authenticated else {}
        post_markers = {f"post_{n}": int_marker(n + 1) for n in range(len(post_ids))}
        query = compiled(
            ("reactions", bool(viewer_marker), len(post_ids)),
            lambda user=None, **posts: _reactions_queryset(user, list(posts.values())),
            {**post_markers, **viewer_marker},
            as_dicts=True,
        )
        rows = query.run(**dict(zip(post_markers, post_ids, strict=True)), user=user.pk)
    found = {(row["post_id"], row["kind"]): row for row in rows}
    summary = {}
    for post_id in post_ids:
        summary[post_id] = [
            {
                "kind": kind,
                "label": label,
                "count": found.get((post_id, kind), {}).get("count", 0),
                "mine": bool(found.get((post_id, kind), {}).get("mine", 0)),
            }
            for kind, label in kinds
        ]
    return summary


def _reactions_queryset(user_id: int | None, post_ids: list[int]) -> QuerySet[Reaction]:
    mine = Value(0, output_field=IntegerField())
    if user_id is not None:
        mine = Case(When(user_id=user_id, then=Value(1)), default=Value(0))
    return (
        Reaction.objects.filter(post_id__in=post_ids)
        .values("post_id", "kind")
        .annotate(count=Count("id"), mine=Max(mine))
        .order_by()
    )


def bookmarked_post_ids(*, user, post_ids: list[int]) -> set[int]:
    """Return which of `post_ids` `user` has bookmarked."""
    if not user.is_authenticated or not post_ids:
        return set()
    return set(
        Bookmark.objects.filter(user=user, post_id__in=post_ids).values_list("post_id", flat=True)
    )


def bookmark_list_for(user) -> QuerySet[Bookmark]:
    """Return `user`'s bookmarks of posts they may still read, newest first."""
    readable = Post.objects.filter(_q(visibility.post_readable, user)).values("pk")
    return (
        Bookmark.objects.filter(user=user, post_id__in=readable)
        .select_related("post__thread__forum", "post__author")
        .defer("post__body", "post__search_vector")
        .order_by("-created_at")
    )


def post_list_readable_by(user) -> QuerySet[Post]:
    """Return every post whose text `user` may read, in threads and forums they may read, less
    those they chose not to see (blocked or muted members, muted forums and threads)."""
    return post_list_readable_by_viewer(viewer_for(user))


def post_list_readable_by_viewer(viewer: Viewer) -> QuerySet[Post]:
    """`post_list_readable_by` for the viewer's value (search compiles it once per value)."""
    rule = visibility.post_readable(viewer) & visibility.post_unfiltered(viewer)
    return Post.objects.filter(visibility.q(rule, viewer))


def have_replied_in_threads(first, second) -> bool:
    """Return whether one member replied in a thread the other started (for consent to private
    messages; quotes and mentions do not count). Uses the posts-by-author index (1 query)."""
    return Post.objects.filter(
        Q(author=first, thread__author=second) | Q(author=second, thread__author=first)
    ).exists()


def approved_post_count(*, user) -> int:
    """Return how many of `user`'s posts are published (for trust levels)."""
    return Post.objects.filter(author=user, status=PostStatus.PUBLISHED).count()


# --- Notifications -----------------------------------------------------------------------------


def notification_list_for(user) -> QuerySet[Notification]:
    """Return `user`'s notifications they may still read, newest first, with actor and thread."""
    return (
        notifications_visible_to(user)
        .select_related("actor", "thread", "post")
        .defer("post__body", "post__body_html", "post__search_vector")
        .order_by("-created_at", "-id")
    )


# --- Digests -----------------------------------------------------------------------------------
# Emails leave the site, so digests show only published posts in published threads, even to a
# moderator (who may read held posts on the site), on top of the member's own visibility rules.

DIGEST_THREAD_FIELDS = ("thread_id", "thread__title", "thread__slug", "thread__forum__name")


def _digest_posts_for(user) -> QuerySet[Post]:
    # A member on a break gets no digest: with nothing to show, the digest is not sent.
    return Post.objects.filter(digest_post_q(user))


def digest_watched_threads(*, user, since, until, limit: int) -> list[dict]:
    """Return threads `user` watches with posts by others they may read in (`since`, `until`],
    latest first: title, forum, `new_count` and `latest_post_id` (1 query)."""
    watched = ThreadSubscription.objects.filter(
        user=user, is_muted=False, thread__last_post_at__gt=since
    ).values("thread_id")
    rows = (
        _digest_posts_for(user)
        .filter(thread_id__in=watched, created_at__gt=since, created_at__lte=until)
        .values(*DIGEST_THREAD_FIELDS)
        .annotate(new_count=Count("pk"), latest_post_id=Max("pk"), latest_at=Max("created_at"))
        .order_by("-latest_at", "-thread_id")
    )
    return list(rows[:limit])


def thread_ids_started_since(*, since, until, limit: int) -> list[tuple[int, int]]:
    """Return (thread id, forum id) of threads started in (`since`, `until`], newest first.
    Candidates only, not filtered for any viewer: pass them to
    `digest_new_threads_in_followed_forums`."""
    return list(
        Thread.objects.filter(created_at__gt=since, created_at__lte=until, last_post_at__gt=since)
        .order_by("-created_at", "-pk")
        .values_list("pk", "forum_id")[:limit]
    )


def forum_ids_followed_by(user) -> set[int]:
    """Return the ids of the forums `user` follows (1 query)."""
    return set(ForumFollow.objects.filter(user=user).values_list("forum_id", flat=True))


def digest_new_threads(*, user, thread_ids, until) -> list[dict]:
    """Return the opening posts of those of `thread_ids` that `user` may read, started by
    others up to `until`, in threads they neither watch nor muted: thread and forum, reply
    count, `created_at`, the post's id as `pk` (1 query). The caller splits them into new
    threads in followed forums and popular ones."""
    if not thread_ids:
        return []
    subscribed = ThreadSubscription.objects.filter(user=user).values("thread_id")
    rows = (
        _digest_posts_for(user)
        .filter(position=1, thread_id__in=list(thread_ids), created_at__lte=until)
        .exclude(thread_id__in=subscribed)
        .values(*DIGEST_THREAD_FIELDS, "thread__reply_count", "created_at", "pk")
    )
    return list(rows)


def thread_ids_popular_since(*, since, limit: int) -> list[int]:
    """Return candidate ids of popular threads started since `since` in forums every member
    may read (public and members-only), most replies first. Not filtered for any viewer: pass
    them to `digest_new_threads`, which applies the member's rules."""
    return list(
        Thread.objects.filter(
            status=ThreadStatus.PUBLISHED,
            forum__visibility__in=(ForumVisibility.PUBLIC, ForumVisibility.MEMBERS),
            created_at__gt=since,
            last_post_at__gt=since,
        )
        .order_by("-reply_count", "-pk")
        .values_list("pk", flat=True)[:limit]
    )


def digest_post_texts(*, user, post_ids) -> dict[int, dict]:
    """Return the sanitised HTML and content warning of those of `post_ids` `user` may read
    (for excerpts), by post id (1 query)."""
    if not post_ids:
        return {}
    rows = (
        _digest_posts_for(user)
        .filter(pk__in=list(post_ids))
        .values("pk", "body_html", "content_warning")
    )
    # A post with a word the member muted shows no excerpt (its title stays).
    filters = member_filters_for(user)
    return {
        row["pk"]: row
        for row in rows
        if not filters.has_muted_word(
            html.unescape(_TAG_RE.sub(" ", row["body_html"])), row["content_warning"]
        )
    }


def notification_list_for_email(user, *, ids=None, since=None, kinds=()) -> QuerySet[Notification]:
    """Return `user`'s unread notifications of `kinds` they may still read (as on the site),
    not from threads they have muted since, oldest first, with actor and thread. A member on a
    break gets moderation notices only."""
    muted = ThreadSubscription.objects.filter(user=user, is_muted=True).values("thread_id")
    notifications = (
        notification_list_for(user)
        .filter(read_at__isnull=True, kind__in=list(kinds))
        .exclude(Q(thread_id__in=muted) & ~Q(kind=NotificationKind.MODERATION_NOTICE))
        .order_by("created_at", "id")
    )
    if member_is_on_break(user):
        notifications = notifications.filter(kind=NotificationKind.MODERATION_NOTICE)
    if ids is not None:
        notifications = notifications.filter(pk__in=list(ids))
    if since is not None:
        notifications = notifications.filter(created_at__gt=since)
    return notifications


def digest_post_q(user) -> Q:
    """Return, as a Q on Post, the posts `user`'s digest may show (`visibility.digest_post`)."""
    return _q(visibility.digest_post, user)


def digest_post_q_for_members(users, *, member: str) -> Q:
    """Return, as a Q on Post, `digest_post_q(user)` for each of `users`, on rows whose field
    `member` (a path from Post to a member's id, such as "thread__subscriptions__user_id")
    holds that user's id: the batched digests' rule for many members in one query.

    Members whose viewers differ only by who they are share one condition that reads their id
    from `member`, so the query stays small and its plan cheap whatever the batch's size.
    """
    groups: dict[Viewer, list[int]] = {}
    for user in users:
        viewer = viewer_for(user)
        if viewer.is_member:  # former members get nothing
            groups.setdefault(viewer.with_user_id(0), []).append(user.pk)
    rule = Q(pk__in=[])
    for shape, user_ids in groups.items():
        condition = visibility.q(visibility.digest_post(shape), shape, member=member)
        rule |= Q(**{f"{member}__in": sorted(user_ids)}) & condition
    return rule


def digest_opening_posts_for_members(
    users, *, thread_ids, until
) -> tuple[list[dict], dict[int, set[int]]]:
    """Return the published opening posts of `thread_ids` started up to `until` (rows of
    DIGEST_THREAD_FIELDS, "thread__reply_count", "created_at" and the post's "pk") and, by
    member of `users`, the ids of those `digest_post_q(user)` keeps (3 queries whatever the
    number of members: the rows, then who has access to the private forums and who muted the
    threads among them).

    The rule is `visibility.digest_post`, tested on each row's facts in Python, so that the
    query does not carry a condition per member.
    """
    users = list(users)
    readers: dict[int, set[int]] = {user.pk: set() for user in users}
    if not thread_ids or not users:
        return [], readers
    rows = list(
        Post.objects.filter(
            position=1,
            thread_id__in=sorted(thread_ids),
            created_at__lte=until,
            status=PostStatus.PUBLISHED,
            thread__status=ThreadStatus.PUBLISHED,
        )
        .values(
            *DIGEST_THREAD_FIELDS,
            "thread__reply_count",
            "created_at",
            "pk",
            *_OPENING_POST_FACTS,
        )
        .order_by()
    )
    granted, muted = _access_and_mutes(rows, user_ids=[user.pk for user in users])
    for user in users:
        rule = visibility.digest_post(viewer_for(user))
        facts = Facts(
            user.pk,
            granted_forum_ids=frozenset(forum for member, forum in granted if member == user.pk),
            muted_thread_ids=frozenset(thread for member, thread in muted if member == user.pk),
        )
        readers[user.pk] = {row["pk"] for row in rows if visibility.allows(rule, row, facts)}
    for row in rows:
        for name in _OPENING_POST_FACTS:
            del row[name]
    return rows, readers


# What `visibility.digest_post` reads of a row.
_OPENING_POST_FACTS = (
    "author_id",
    "status",
    "thread__status",
    "thread__author_id",
    "thread__forum_id",
    "thread__forum__visibility",
)


def _access_and_mutes(rows, *, user_ids) -> tuple[set[tuple], set[tuple]]:
    """Return (member, forum) pairs of access to the private forums of `rows` and (member,
    thread) pairs of the threads of `rows` muted, for `user_ids` (up to 2 queries)."""
    private_forums = {
        row["thread__forum_id"]
        for row in rows
        if row["thread__forum__visibility"] == ForumVisibility.PRIVATE
    }
    granted = set()
    if private_forums:
        granted = set(
            ForumAccess.objects.filter(
                user_id__in=user_ids, forum_id__in=sorted(private_forums)
            ).values_list("user_id", "forum_id")
        )
    muted = set()
    if rows:
        muted = set(
            ThreadSubscription.objects.filter(
                user_id__in=user_ids,
                thread_id__in=sorted({row["thread_id"] for row in rows}),
                is_muted=True,
            ).values_list("user_id", "thread_id")
        )
    return granted, muted


# --- Waiting for a reply -------------------------------------------------------------------------


def answered_by_another_q(prefix: str = "") -> Q:
    """Threads with a published reply by someone other than their author."""
    replies = Post.objects.filter(
        thread_id=OuterRef(f"{prefix}pk"), position__gt=1, status=PostStatus.PUBLISHED
    ).exclude(author_id=OuterRef(f"{prefix}author_id"))
    return Q(Exists(replies))


def thread_list_waiting_for(user, *, started_before) -> QuerySet[Thread]:
    """Published threads of support forums `user` may read, started before `started_before`,
    that no other member has answered yet; oldest first. Threads under a crisis case are left
    out (moderators are with them), as are held ones and those `user` chose not to see."""
    threads = (
        Thread.objects.filter(
            _q(visibility.forum_readable, user, visibility.THREAD),
            _q(visibility.thread_unfiltered, user),
            forum__is_support=True,
            status=ThreadStatus.PUBLISHED,
            author__isnull=False,  # a former member's thread: nobody is waiting any more
            created_at__lte=started_before,
            posts__position=1,
            posts__status=PostStatus.PUBLISHED,
        )
        .exclude(author_id=user.pk)  # their own threads: a reply must come from someone else
        .exclude(answered_by_another_q())
        # Scheduled check-ins are prompts for everyone, not someone waiting for an answer.
        .exclude(Exists(CheckInOccurrence.objects.filter(thread_id=OuterRef("pk"))))
        .exclude(forum_id__in=sorted(member_filters_for(user).muted_forum_ids))
        .select_related("forum", "author")
        .order_by("created_at", "id")
    )
    for under_crisis in hooks.threads_under_crisis_care():
        threads = threads.exclude(under_crisis)
    return threads
