"""Who may see what: one value describes the viewer, one rule set answers for every path.

`Viewer` is everything about the person looking that visibility depends on: visitor or member,
the members they blocked or muted, the forums they muted, their moderator scope (global, or a
set of forums), whether they are an operator. Their grants to private forums and their muted
threads are facts read when a rule needs them (`granted_forum_ids`, `muted_thread_ids`).

Each rule below is written once, as a `Rule`, and yields both the queryset filter (`.q()`) and
the per-object predicate (`.test()`), on forums, threads, posts or value rows, through the path
from the queried model to the forum, thread or post. Selectors, permissions, search, digests,
notifications, bookmarks and exports ask here; a new rule is one function.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property, lru_cache

from django.db.models import Exists, F, OuterRef, Q

from accounts.selectors import member_filters_for, member_is_on_break
from forums.enums import ForumVisibility, PostStatus, ThreadStatus

# --- The viewer ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Viewer:
    """Everything a visibility rule may ask about the viewer (compared and hashed by value).

    `moderates` is None for a global moderator or an operator (every forum), else the forums
    they moderate (empty for everyone else)."""

    user_id: int | None = None
    is_operator: bool = False
    moderates: frozenset[int] | None = frozenset()
    hidden_member_ids: frozenset[int] = frozenset()
    muted_forum_ids: frozenset[int] = frozenset()
    is_on_break: bool = False

    @property
    def is_member(self) -> bool:
        return self.user_id is not None

    @property
    def is_global_moderator(self) -> bool:
        return self.moderates is None

    @property
    def is_moderator(self) -> bool:
        """Whether they moderate any forum (global, or at least one)."""
        return self.moderates is None or bool(self.moderates)

    def moderates_forum(self, forum_id: int | None) -> bool:
        return self.moderates is None or (forum_id is not None and forum_id in self.moderates)

    @cached_property
    def granted_forum_ids(self) -> frozenset[int]:
        """Private forums this member was granted (one query, on first use)."""
        from forums.models import ForumAccess

        if self.user_id is None:
            return frozenset()
        rows = ForumAccess.objects.filter(user_id=self.user_id).values_list("forum_id", flat=True)
        return frozenset(rows)

    @cached_property
    def muted_thread_ids(self) -> frozenset[int]:
        """Threads this member muted (one query, on first use)."""
        from forums.models import ThreadSubscription

        if self.user_id is None:
            return frozenset()
        rows = ThreadSubscription.objects.filter(user_id=self.user_id, is_muted=True)
        return frozenset(rows.values_list("thread_id", flat=True))

    def with_user_id(self, user_id: int | None) -> Viewer:
        """The same viewer with another id: every other attribute kept (compiled queries use a
        marker id; batched digests group members by this shape)."""
        return dataclasses.replace(self, user_id=user_id)


VISITOR = Viewer()


def viewer_for(user) -> Viewer:
    """Return the `Viewer` for a request's user (visitors and former members: `VISITOR`),
    remembered on the user object for the request. Members without blocks or mutes who are not
    staff cost no query; staff, one (their assignments)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return VISITOR
    cached = getattr(user, "_viewer", None)
    if cached is not None:
        return cached
    filters = member_filters_for(user)
    viewer = Viewer(
        user_id=user.pk,
        is_operator=bool(user.is_superuser and user.is_staff),
        moderates=_moderator_scope(user),
        hidden_member_ids=filters.hidden_member_ids,
        muted_forum_ids=filters.muted_forum_ids,
        is_on_break=member_is_on_break(user),
    )
    user._viewer = viewer
    return viewer


def viewer_forget(user) -> None:
    """Drop the `Viewer` remembered on `user` (after a change to their grants, blocks or
    mutes, so that the same object answers anew)."""
    user.__dict__.pop("_viewer", None)


def _moderator_scope(user) -> frozenset[int] | None:
    if not user.is_staff:
        return frozenset()  # no query for members
    # moderation reads forums' models; imported here so that forums never imports it at load.
    from moderation.permissions import ALL_FORUMS, moderated_forum_ids

    scope = moderated_forum_ids(user)
    return None if scope is ALL_FORUMS else frozenset(scope)


# --- Rules: one condition, two readings (SQL and Python) -----------------------------------------


@dataclass(frozen=True)
class Context:
    """How a rule's SQL refers to its viewer: their id, or (batched digests) the column of
    each row that holds a member's id (`member`, a path from the queried model)."""

    viewer_id: int | None
    member: str | None = None

    def viewer(self):
        return F(self.member) if self.member else self.viewer_id


def _value(obj, path: str):
    """The value at `path` ("thread__forum_id") of a model instance, or a values() row."""
    if isinstance(obj, dict):
        return obj[path]
    for part in path.split("__"):
        obj = getattr(obj, part)
    return obj


class Rule:
    def q(self, context: Context) -> Q:
        raise NotImplementedError

    def test(self, obj, facts) -> bool:
        """`facts` answer `user_id`, `granted_forum_ids` and `muted_thread_ids` (a Viewer)."""
        raise NotImplementedError

    def __and__(self, other: Rule) -> Rule:
        if self is NEVER or other is NEVER:
            return NEVER
        if self is ALWAYS:
            return other
        if other is ALWAYS:
            return self
        return _All(self, other)

    def __or__(self, other: Rule) -> Rule:
        if self is ALWAYS or other is ALWAYS:
            return ALWAYS
        if self is NEVER:
            return other
        if other is NEVER:
            return self
        return _Any(self, other)

    def __invert__(self) -> Rule:
        if self is ALWAYS:
            return NEVER
        if self is NEVER:
            return ALWAYS
        return _Not(self)


class _Const(Rule):
    def __init__(self, value: bool):
        self.value = value

    def q(self, context):
        return Q() if self.value else Q(pk__in=[])

    def test(self, obj, facts):
        return self.value

    def __repr__(self):
        return "ALWAYS" if self.value else "NEVER"


ALWAYS = _Const(True)
NEVER = _Const(False)


class _All(Rule):
    def __init__(self, *rules):
        self.rules = rules

    def q(self, context):
        q = Q()
        for rule in self.rules:
            q &= rule.q(context)
        return q

    def test(self, obj, facts):
        return all(rule.test(obj, facts) for rule in self.rules)


class _Any(Rule):
    def __init__(self, *rules):
        self.rules = rules

    def q(self, context):
        q = self.rules[0].q(context)
        for rule in self.rules[1:]:
            q |= rule.q(context)
        return q

    def test(self, obj, facts):
        return any(rule.test(obj, facts) for rule in self.rules)


class _Not(Rule):
    def __init__(self, rule):
        self.rule = rule

    def q(self, context):
        return ~self.rule.q(context)

    def test(self, obj, facts):
        return not self.rule.test(obj, facts)


class _In(Rule):
    def __init__(self, path: str, values):
        self.path, self.values = path, frozenset(values)

    def q(self, context):
        if len(self.values) == 1:
            return Q(**{self.path: next(iter(self.values))})
        return Q(**{f"{self.path}__in": sorted(self.values)})

    def test(self, obj, facts):
        return _value(obj, self.path) in self.values


def one_of(path: str, values) -> Rule:
    """The value at `path` is one of `values` (none: never)."""
    return _In(path, values) if values else NEVER


class _IsViewer(Rule):
    def __init__(self, path: str):
        self.path = path

    def q(self, context):
        return Q(**{self.path: context.viewer()})

    def test(self, obj, facts):
        value = _value(obj, self.path)
        return value is not None and value == facts.user_id


class _ViewerRowExists(Rule):
    """The viewer has a row in `model` whose `column` is the value at `path` (and `extra`)."""

    def __init__(self, path: str, model_name: str, column: str, facts_name: str, **extra):
        self.path, self.model_name, self.column = path, model_name, column
        self.facts_name, self.extra = facts_name, extra

    def q(self, context):
        from django.apps import apps

        model = apps.get_model("forums", self.model_name)
        if context.member is None:
            # One viewer: an uncorrelated IN (SELECT …), which PostgreSQL hashes once, where a
            # correlated EXISTS would probe the table for every row of a forum's listing.
            rows = model.objects.filter(user_id=context.viewer_id, **self.extra)
            return Q(**{f"{self.path}__in": rows.values(self.column)})
        rows = model.objects.filter(
            user_id=OuterRef(context.member), **{self.column: OuterRef(self.path)}, **self.extra
        )
        return Q(Exists(rows))

    def test(self, obj, facts):
        return _value(obj, self.path) in getattr(facts, self.facts_name)


def _granted(forum_id_path: str) -> Rule:
    return _ViewerRowExists(forum_id_path, "ForumAccess", "forum_id", "granted_forum_ids")


def _muted_thread(thread_id_path: str) -> Rule:
    return _ViewerRowExists(
        thread_id_path, "ThreadSubscription", "thread_id", "muted_thread_ids", is_muted=True
    )


# --- Paths from the queried model ----------------------------------------------------------------


@dataclass(frozen=True)
class Paths:
    """Where a queried model keeps the forum, thread and post facts the rules read."""

    forum_id: str
    forum_visibility: str
    thread_id: str = ""
    thread_status: str = ""
    thread_author: str = ""
    thread_crisis_pending: str = ""


FORUM = Paths(forum_id="pk", forum_visibility="visibility")
THREAD = Paths(
    forum_id="forum_id",
    forum_visibility="forum__visibility",
    thread_id="pk",
    thread_status="status",
    thread_author="author_id",
    thread_crisis_pending="is_crisis_review_pending",
)
POST = Paths(
    forum_id="thread__forum_id",
    forum_visibility="thread__forum__visibility",
    thread_id="thread_id",
    thread_status="thread__status",
    thread_author="thread__author_id",
    thread_crisis_pending="thread__is_crisis_review_pending",
)


def _moderated(viewer: Viewer, at: Paths) -> Rule:
    if viewer.moderates is None:
        return ALWAYS
    return one_of(at.forum_id, viewer.moderates)


def _own(viewer: Viewer, author_path: str) -> Rule:
    return _IsViewer(author_path) if viewer.is_member else NEVER


# --- The rules -----------------------------------------------------------------------------------
# Each is a function of the viewer's value (and the paths), so it is built once per value: the
# thread page asks two of them about each of its posts.
_rule = lru_cache(maxsize=2048)


@_rule
def forum_readable(viewer: Viewer, at: Paths = FORUM) -> Rule:
    """Forums whose threads the viewer may read: public ones; members-only ones for members;
    private ones for members granted access; every forum they moderate."""
    rule = one_of(at.forum_visibility, {ForumVisibility.PUBLIC})
    if viewer.is_member:
        rule |= one_of(at.forum_visibility, {ForumVisibility.MEMBERS})
        rule |= one_of(at.forum_visibility, {ForumVisibility.PRIVATE}) & _granted(at.forum_id)
    return rule | _moderated(viewer, at)


@_rule
def forum_listed(viewer: Viewer, at: Paths = FORUM) -> Rule:
    """Forums the viewer may know exist: readable ones, and members-only ones (by name only)."""
    return forum_readable(viewer, at) | one_of(at.forum_visibility, {ForumVisibility.MEMBERS})


@_rule
def thread_shown(viewer: Viewer, at: Paths = THREAD) -> Rule:
    """Threads shown in a forum the viewer may read: published, or held and their own, or any
    thread of a forum they moderate."""
    shown = one_of(at.thread_status, {ThreadStatus.PUBLISHED})
    shown |= one_of(at.thread_status, {ThreadStatus.HELD}) & _own(viewer, at.thread_author)
    return shown | _moderated(viewer, at)


@_rule
def thread_readable(viewer: Viewer, at: Paths = THREAD) -> Rule:
    """Threads the viewer may open: shown, in a forum they may read."""
    return forum_readable(viewer, at) & thread_shown(viewer, at)


@_rule
def thread_title_shown(viewer: Viewer, at: Paths = THREAD) -> Rule:
    """Threads whose title the viewer may read (else a neutral placeholder), wherever a title
    appears: as with `_published`, while the opening post's crisis signal waits for a
    moderator, visitors (and search engines) do not see its headline; members do."""
    if viewer.is_member:
        return ALWAYS
    return one_of(at.thread_crisis_pending, {False})


@_rule
def post_shown(viewer: Viewer) -> Rule:
    """Posts that appear on a thread page the viewer may open (removed ones as placeholders):
    held ones only to their author and the forum's moderators."""
    rule = one_of("status", PUBLIC_POST_STATUSES)
    rule |= one_of("status", {PostStatus.HELD}) & _own(viewer, "author_id")
    return rule | _moderated(viewer, POST)


@_rule
def post_text_shown(viewer: Viewer) -> Rule:
    """Posts on a thread page whose text the viewer may read (else a placeholder): published
    ones; held or moderator-removed ones to their author and the forum's moderators; a post
    its author removed, to nobody."""
    kept = one_of("status", {PostStatus.HELD, PostStatus.REMOVED_BY_MODERATOR})
    return _published(viewer) | (kept & (_own(viewer, "author_id") | _moderated(viewer, POST)))


def _published(viewer: Viewer) -> Rule:
    """Published posts the viewer may read: distress is not public, so a post with a crisis
    signal no moderator has reviewed yet is a placeholder for visitors (and search engines)."""
    published = one_of("status", {PostStatus.PUBLISHED})
    if viewer.is_member:
        return published
    return published & one_of("is_crisis_review_pending", {False})


@_rule
def post_readable(viewer: Viewer) -> Rule:
    """Posts whose text the viewer may read anywhere it is listed or quoted (search,
    notifications, bookmarks, quotes, digests): published, or held and their own or in a forum
    they moderate, in a thread they may open."""
    held = one_of("status", {PostStatus.HELD}) & (
        _own(viewer, "author_id") | _moderated(viewer, POST)
    )
    return thread_readable(viewer, POST) & (_published(viewer) | held)


@_rule
def post_unfiltered(viewer: Viewer) -> Rule:
    """Posts the viewer did not choose to hide from lists, search, notifications and digests:
    not by members they blocked or muted, not in forums or threads they muted."""
    if not viewer.is_member:
        return ALWAYS
    return (
        ~_muted_thread(POST.thread_id)
        & ~one_of("author_id", viewer.hidden_member_ids)
        & ~one_of(POST.forum_id, viewer.muted_forum_ids)
    )


@_rule
def thread_unfiltered(viewer: Viewer) -> Rule:
    """Threads left in the viewer's lists: not muted, not started by members they blocked or
    muted (muted forums are left out of the index instead)."""
    if not viewer.is_member:
        return ALWAYS
    return ~_muted_thread(THREAD.thread_id) & ~one_of("author_id", viewer.hidden_member_ids)


@_rule
def forum_unfiltered(viewer: Viewer) -> Rule:
    """Forums left on the viewer's index: not muted."""
    return ~one_of("pk", viewer.muted_forum_ids)


@_rule
def digest_post(viewer: Viewer) -> Rule:
    """Posts the viewer's digest may show: emails leave the site, so only published posts in
    published threads (even to moderators), that they may read and did not hide, by others;
    nothing while they take a break."""
    if not viewer.is_member or viewer.is_on_break:
        return NEVER
    return (
        one_of("status", {PostStatus.PUBLISHED})
        & one_of(POST.thread_status, {ThreadStatus.PUBLISHED})
        & post_readable(viewer)
        & post_unfiltered(viewer)
        & ~_own(viewer, "author_id")
    )


@_rule
def revisions_readable(viewer: Viewer) -> Rule:
    """Posts whose earlier versions the viewer may read: those in forums they moderate."""
    return _moderated(viewer, POST)


PUBLIC_POST_STATUSES = (
    PostStatus.PUBLISHED,
    PostStatus.REMOVED_BY_AUTHOR,
    PostStatus.REMOVED_BY_MODERATOR,
)


# --- Reading the rules ---------------------------------------------------------------------------


def q(rule: Rule, viewer: Viewer, *, member: str | None = None) -> Q:
    """The rule as a filter for `viewer`, or (with `member`) for the member whose id each row
    holds at that path, for any viewer of the same shape."""
    return rule.q(Context(viewer_id=viewer.user_id, member=member))


def allows(rule: Rule, obj, facts) -> bool:
    """The rule as a predicate on a model instance or a values() row."""
    return rule.test(obj, facts)


@dataclass(frozen=True)
class Facts:
    """A member's facts read for a batch at once (as `Viewer`'s, without a query each)."""

    user_id: int | None
    granted_forum_ids: frozenset[int] = frozenset()
    muted_thread_ids: frozenset[int] = frozenset()
