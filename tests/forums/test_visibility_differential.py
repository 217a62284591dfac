"""Every path agrees on who sees what: random worlds, every viewer, every object.

Each world is built from a seed through the real services (forums of each visibility, held,
removed and erased posts, crisis posts awaiting review, grants, blocks and mutes, scoped and
global moderators, an operator, a former member). An oracle written here from the rules as
members are promised them (not from forums.visibility) says what each viewer may see; the
index, forum pages, thread pages (compiled queries), search, digests (one member at a time,
batched in SQL, row by row), notifications, bookmarks, the export and the per-object
predicates must all answer the same.
A failure names its seed: `pytest -k "seed_7"` replays it.
"""

import json
import random
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.http import Http404
from django.utils import timezone

from accounts import services as account_services
from accounts.enums import ErasureMode
from accounts.exporting import _content as export_content
from accounts.models import User
from accounts.roles import MODERATORS, OPERATORS
from forums import permissions, search, selectors, services, visibility
from forums.enums import ForumVisibility, PostStatus, ThreadStatus
from forums.models import Bookmark, Forum, Post, Thread
from moderation.models import ModeratorAssignment
from notifications import selectors as notification_selectors
from notifications.enums import NotificationKind
from notifications.models import Notification
from tests.factories import ForumFactory, UserFactory

SEEDS = range(10)
WORD = "lantern"
PLACEHOLDER = (selectors.TITLE_AWAITING_REVIEW, selectors.SLUG_AWAITING_REVIEW)


@dataclass
class Who:
    """What the oracle knows of a viewer, recorded as the world was built."""

    user: object
    role: str  # visitor, member, former, scoped, global, operator
    scope: set = field(default_factory=set)
    granted: set = field(default_factory=set)
    hidden: set = field(default_factory=set)
    muted_forums: set = field(default_factory=set)
    muted_threads: set = field(default_factory=set)

    @property
    def pk(self):
        return self.user.pk if self.role not in ("visitor", "former") else None

    def moderates(self, forum_id):
        return self.role in ("global", "operator") or forum_id in self.scope


# --- The oracle: the promises, written plainly ---------------------------------------------------


def may_read_forum(who, forum):
    if who.moderates(forum.pk) or forum.visibility == ForumVisibility.PUBLIC:
        return True
    if who.pk is None:
        return False
    return forum.visibility == ForumVisibility.MEMBERS or forum.pk in who.granted


def may_list_forum(who, forum):
    return may_read_forum(who, forum) or forum.visibility == ForumVisibility.MEMBERS


def may_open_thread(who, thread):
    if not may_read_forum(who, thread.forum):
        return False
    if who.moderates(thread.forum_id) or thread.status == ThreadStatus.PUBLISHED:
        return True
    return thread.status == ThreadStatus.HELD and who.pk is not None and thread.author_id == who.pk


def own(who, post):
    return who.pk is not None and post.author_id == who.pk


def post_on_page(who, post):
    if post.status != PostStatus.HELD:
        return True
    return own(who, post) or who.moderates(post.thread.forum_id)


def crisis_placeholder(who, post):
    """A crisis post no moderator has reviewed yet is not public: visitors see a placeholder."""
    return who.pk is None and post.is_crisis_review_pending


def title_shown(who, thread, opening):
    """A thread whose opening post awaits crisis review keeps its title from visitors too."""
    return who.pk is not None or not opening[thread.pk].is_crisis_review_pending


def post_text_on_page(who, post):
    if post.status == PostStatus.PUBLISHED:
        return not crisis_placeholder(who, post)
    if post.status == PostStatus.REMOVED_BY_AUTHOR:
        return False
    return own(who, post) or who.moderates(post.thread.forum_id)


def post_readable(who, post):
    if not may_open_thread(who, post.thread):
        return False
    if post.status == PostStatus.PUBLISHED:
        return not crisis_placeholder(who, post)
    return post.status == PostStatus.HELD and (
        own(who, post) or who.moderates(post.thread.forum_id)
    )


def post_unfiltered(who, post):
    return who.pk is None or not (
        post.author_id in who.hidden
        or post.thread.forum_id in who.muted_forums
        or post.thread_id in who.muted_threads
    )


def thread_listed(who, thread):
    if not may_open_thread(who, thread):
        return False
    return who.pk is None or not (thread.author_id in who.hidden or thread.pk in who.muted_threads)


def in_digest(who, post):
    return (
        who.pk is not None
        and post.status == PostStatus.PUBLISHED
        and post.thread.status == ThreadStatus.PUBLISHED
        and post_readable(who, post)
        and post_unfiltered(who, post)
        and not own(who, post)
    )


# --- Building a world ----------------------------------------------------------------------------


def _staff(handle, group):
    user = UserFactory(handle=handle, is_staff=True, is_superuser=group == OPERATORS)
    user.groups.add(Group.objects.get(name=group))
    return user


def build_world(seed):
    rng = random.Random(seed)
    visibilities = [ForumVisibility.PUBLIC, ForumVisibility.MEMBERS, ForumVisibility.PRIVATE]
    visibilities += [rng.choice(list(ForumVisibility)) for _ in range(2)]
    forums = [
        ForumFactory(
            slug=f"f{seed}-{n}", visibility=visibility, is_new_member_post_held=rng.random() < 0.5
        )
        for n, visibility in enumerate(visibilities)
    ]
    members = [
        Who(UserFactory(handle=f"m{seed}_{n}", trust_level=rng.choice(["new", "member"])), "member")
        for n in range(6)
    ]
    scoped = Who(_staff(f"scoped{seed}", MODERATORS), "scoped")
    for forum in rng.sample(forums, 2):
        ModeratorAssignment.objects.create(moderator=scoped.user, forum=forum)
        scoped.scope.add(forum.pk)
    unassigned = Who(_staff(f"unassigned{seed}", MODERATORS), "scoped")
    global_mod = Who(_staff(f"global{seed}", MODERATORS), "global")
    ModeratorAssignment.objects.create(moderator=global_mod.user, forum=None)
    operator = Who(_staff(f"operator{seed}", OPERATORS), "operator")
    writers = [*members, scoped]
    for who in writers:
        for forum in forums:
            if forum.visibility == ForumVisibility.PRIVATE and rng.random() < 0.5:
                services.forum_access_grant(forum=forum, user=who.user, acting_user=operator.user)
                who.granted.add(forum.pk)

    threads, posts = [], []
    for forum in forums:
        for n in range(2):
            authors = [w for w in writers if may_read_forum(w, forum)]
            if not authors:
                continue
            starter = rng.choice(authors)
            thread = services.thread_create(
                author=starter.user,
                forum=forum,
                title=f"{WORD} title{seed}x{forum.pk}x{n}",
                body=f"{WORD} opening{seed}x{forum.pk}x{n}",
            )
            threads.append(thread)
            repliers = [w for w in authors if permissions.can_reply_to_thread(w.user, thread)]
            for m in range(rng.randint(1, 4)):
                author = rng.choice(repliers)
                body = f"{WORD} reply{seed}x{thread.pk}x{m}"
                posts.append(services.post_create(author=author.user, thread=thread, body=body))
    for post in rng.sample(posts, len(posts) // 3):
        post.refresh_from_db()
        action = rng.choice(["hide", "remove", "delete", "release"])
        if action == "hide":
            services.post_hide(post=post, acting_user=global_mod.user)
        elif action == "remove":
            services.post_remove(post=post, acting_user=global_mod.user)
        elif action == "delete" and post.author_id:
            services.post_delete_by_author(post=post, author=post.author)
        elif post.status == PostStatus.HELD:
            services.post_release(post=post, acting_user=global_mod.user)
    # Crisis signals awaiting a moderator's review (set as screening sets them), on replies and
    # on opening posts (their threads' titles wait too); some reviewed since.
    openings = [thread.posts.get(position=1) for thread in threads]
    for post in rng.sample(posts, len(posts) // 5) + rng.sample(openings, len(openings) // 2):
        services.post_set_crisis_review(post=post, is_pending=True)
    for post in rng.sample(openings, len(openings) // 4):
        services.post_set_crisis_review(post=post, is_pending=False)
    for thread in rng.sample(threads, max(1, len(threads) // 5)):
        services.post_hide(post=thread.posts.get(position=1), acting_user=global_mod.user)

    for who in members:
        others = [m for m in members if m is not who]
        if rng.random() < 0.4:
            target = rng.choice(others)
            account_services.block_create(user=who.user, member=target.user)
            who.hidden.add(target.user.pk)
        if rng.random() < 0.3:
            target = rng.choice(others)
            account_services.mute_member(user=who.user, member=target.user)
            who.hidden.add(target.user.pk)
        if rng.random() < 0.3:
            forum = rng.choice(forums)
            account_services.mute_forum(user=who.user, forum=forum)
            who.muted_forums.add(forum.pk)
        for thread in threads:
            if rng.random() < 0.1:
                services.thread_mute(user=who.user, thread=thread)
                who.muted_threads.add(thread.pk)
        for post in rng.sample(posts, 3):
            if selectors.can_read_post_body(who.user, post) and post.thread.status != "removed":
                services.bookmark_toggle(user=who.user, post=post)

    # A former member: erased, their posts kept without author (or their text erased).
    former = rng.choice(members)
    members.remove(former)
    erasure = account_services.erasure_request(user=former.user, mode=rng.choice(list(ErasureMode)))
    account_services.account_erase(erasure_id=erasure.pk)
    former = Who(User.objects.get(pk=former.user.pk), "former")
    for who in members:
        who.hidden.discard(former.user.pk)

    viewers = [
        Who(AnonymousUser(), "visitor"),
        former,
        *members,
        scoped,
        unassigned,
        global_mod,
        operator,
    ]
    # Every viewer is read afresh, as a request would.
    for who in viewers:
        if who.role != "visitor":
            who.user = User.objects.get(pk=who.user.pk)
    return viewers


# --- The paths -----------------------------------------------------------------------------------


def _world():
    forums = list(Forum.objects.all())
    threads = list(Thread.objects.select_related("forum"))
    posts = list(Post.objects.select_related("thread__forum"))
    return forums, threads, posts


def check_viewer(who, forums, threads, posts, report):
    user = who.user
    opening = {p.thread_id: p for p in posts if p.position == 1}

    def agree(path, got, expected):
        if got != expected:
            report.append(f"{who.role} {user}: {path}: got {got!r}, expected {expected!r}")

    def titles(path, shown_threads):
        """Each thread a path shows carries its title, or the placeholder, as promised."""
        for thread in shown_threads:
            shown = title_shown(who, thread, opening)
            expected = (thread.title, thread.slug) if shown else PLACEHOLDER
            got = (thread.shown_title, thread.shown_slug)
            agree(f"{path}: title of {thread.pk}", got, expected)

    viewer = visibility.viewer_for(user)
    for at, model, thread_of in (
        (visibility.THREAD, Thread, lambda thread: thread),
        (visibility.POST, Post, lambda post: post.thread),
    ):
        rule = visibility.thread_title_shown(viewer, at)
        rows = model.objects.filter(visibility.q(rule, viewer)).values_list("pk", flat=True)
        objects = threads if model is Thread else posts
        agree(
            f"titles shown (SQL, {model.__name__})",
            set(rows),
            {o.pk for o in objects if title_shown(who, thread_of(o), opening)},
        )
        for obj in objects:
            agree(
                f"title shown ({model.__name__} {obj.pk})",
                visibility.allows(rule, obj, viewer),
                title_shown(who, thread_of(obj), opening),
            )

    listed = {f.pk for f in forums if may_list_forum(who, f) and f.pk not in who.muted_forums}
    index = selectors.forum_index_for(user)
    agree("index", {f.pk for f in index}, listed)
    titles("index", [f.last_post.thread for f in index if f.last_post])
    agree("index (queryset)", {f.pk for f in selectors.forum_list_visible_to(user)}, listed)
    agree(
        "readable forums",
        {f.pk for f in selectors.forum_list_readable_by(user)},
        {f.pk for f in forums if may_read_forum(who, f)},
    )
    for forum in forums:
        agree(
            f"can_read_forum {forum.pk}",
            selectors.can_read_forum(user, forum),
            may_read_forum(who, forum),
        )
        agree(
            f"listing {forum.pk}",
            selectors.can_see_forum_listing(user, forum),
            may_list_forum(who, forum),
        )
        expected = {t.pk for t in threads if t.forum_id == forum.pk and thread_listed(who, t)}
        page = selectors.thread_page_for(user, forum, start=0, count=100)
        agree(
            f"forum page {forum.pk}",
            {t.pk for t in page},
            expected if may_read_forum(who, forum) else set(),
        )
        titles(f"forum page {forum.pk}", page)
        agree(
            f"forum list {forum.pk}",
            {t.pk for t in selectors.thread_list_visible_to(user, forum)},
            expected if may_read_forum(who, forum) else set(),
        )

    for thread in threads:
        may_open = may_open_thread(who, thread)
        agree(f"can_read_thread {thread.pk}", selectors.can_read_thread(user, thread), may_open)
        try:
            opened = selectors.thread_get_visible(user=user, pk=thread.pk)
        except Http404:
            opened = None
        agree(f"thread page {thread.pk} opens", opened is not None, may_open)
        if opened is None:
            continue
        titles("thread page", [opened])
        agree(
            f"thread page {thread.pk} title check",
            selectors.thread_title_shown_to(user, opened),
            title_shown(who, thread, opening),
        )
        page = selectors.post_page_for(user, opened, 1)
        mine = [p for p in posts if p.thread_id == thread.pk and p.position <= 20]
        agree(
            f"thread page {thread.pk} posts",
            [p.pk for p in page],
            [p.pk for p in sorted(mine, key=lambda p: p.position) if post_on_page(who, p)],
        )
        by_pk = {p.pk: p for p in mine}
        agree(
            f"thread page {thread.pk} texts",
            {p.pk for p in page if p.viewer_may_read_body},
            {p.pk for p in page if post_text_on_page(who, by_pk[p.pk])},
        )

    readable = {p.pk for p in posts if post_readable(who, p)}
    unfiltered = {p.pk for p in posts if post_readable(who, p) and post_unfiltered(who, p)}
    for post in posts:
        try:
            selectors.post_get_visible(user=user, pk=post.pk)
            seen = True
        except Http404:
            seen = False
        agree(
            f"permalink {post.pk}",
            seen,
            may_open_thread(who, post.thread) and post_on_page(who, post),
        )
        if may_open_thread(who, post.thread):
            agree(
                f"can_see_post {post.pk}",
                selectors.can_see_post(user, post),
                post_on_page(who, post),
            )
            agree(
                f"can_read_post_body {post.pk}",
                selectors.can_read_post_body(user, post),
                post_text_on_page(who, post),
            )
    agree(
        "readable posts",
        set(selectors.post_list_readable_by(user).values_list("pk", flat=True)),
        unfiltered,
    )
    matching = {
        p.pk for p in posts if WORD in p.body or (p.position == 1 and WORD in p.thread.title)
    }
    results = search.post_search(user=user, filters=search.SearchFilters(q=WORD))
    agree("search", {p.pk for p in results}, unfiltered & matching)
    titles("search", [p.thread for p in results])

    notifications = Notification.objects.filter(recipient_id=who.pk) if who.pk else []
    expected_notes = {
        n.pk
        for n in notifications
        if n.post_id is None
        or n.kind == NotificationKind.MODERATION_NOTICE
        or n.post_id in unfiltered
    }
    if who.pk:
        agree(
            "notifications", {n.pk for n in selectors.notification_list_for(user)}, expected_notes
        )
        others, _messages = notification_selectors.notification_unread_counts(user)
        unread = {
            n.pk for n in notifications if n.read_at is None and n.kind != NotificationKind.MESSAGE
        }
        agree("unread badge", others, len(unread & expected_notes))
        agree(
            "bookmarks",
            {b.post_id for b in selectors.bookmark_list_for(user)},
            set(Bookmark.objects.filter(user_id=who.pk).values_list("post_id", flat=True))
            & readable,
        )
        dumped = json.dumps(export_content(user), default=str)
        for post in posts:
            token = post.body.split()[-1]
            if post.author_id != who.pk and not post_readable(who, post) and token in dumped:
                report.append(f"{who.role} {user}: export shows post {post.pk}")

    digest = {p.pk for p in posts if in_digest(who, p)}
    agree(
        "digest",
        set(Post.objects.filter(selectors.digest_post_q(user)).values_list("pk", flat=True)),
        digest,
    )
    return digest


def check_digest_batches(viewers, posts, digests, report):
    """The batched digest rule (one condition per shape of member, in SQL) and the row rule
    (in Python) keep, member by member, what each member's own rule keeps."""
    users = [who.user for who in viewers if who.role != "visitor"]
    member_path = "thread__subscriptions__user_id"
    rows = Post.objects.filter(
        selectors.digest_post_q_for_members(users, member=member_path),
        **{f"{member_path}__in": [u.pk for u in users]},
    ).values_list(member_path, "pk")
    batched: dict[int, set] = {u.pk: set() for u in users}
    for member_id, post_id in rows:
        batched[member_id].add(post_id)
    subscribed = {
        u.pk: set(
            Post.objects.filter(thread__subscriptions__user_id=u.pk).values_list("pk", flat=True)
        )
        for u in users
    }
    _rows, readers = selectors.digest_opening_posts_for_members(
        users, thread_ids={p.thread_id for p in posts}, until=timezone.now()
    )
    opening = {p.pk for p in posts if p.position == 1}
    for user in users:
        if batched[user.pk] != digests[user.pk] & subscribed[user.pk]:
            report.append(f"batched digest {user}: {batched[user.pk]} vs {digests[user.pk]}")
        if readers[user.pk] != digests[user.pk] & opening:
            report.append(f"row digest {user}: {readers[user.pk]} vs {digests[user.pk] & opening}")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda seed: f"seed_{seed}")
def test_every_path_agrees_with_the_rules(db, settings, seed):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    viewers = build_world(seed)
    forums, threads, posts = _world()
    report: list[str] = []
    digests = {}
    # Each viewer twice, in a shuffled order: compiled queries, kept per process and viewer
    # shape, must give each viewer their own answer whoever came before.
    order = viewers * 2
    random.Random(seed).shuffle(order)
    for who in order:
        key = None if who.role == "visitor" else who.user.pk
        digests[key] = check_viewer(who, forums, threads, posts, report)
    check_digest_batches(viewers, posts, digests, report)
    assert not report, f"seed {seed}:\n" + "\n".join(report[:40])
