"""What a member's digest holds: activity in watched threads, new threads in followed forums
and a few popular new threads, all read through forums.selectors (the visibility layer)."""

import html
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.cache import cache
from django.urls import get_script_prefix, reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator

from accounts.cache_keys import DIGEST_NEW_THREADS, DIGEST_POPULAR
from accounts.enums import DigestFrequency
from forums import selectors
from forums.mailing import absolute_url
from forums.permissions import can_see_waiting_list
from forums.support import waiting_threads_for

WATCHED_LIMIT = 15
FOLLOWED_LIMIT = 15
POPULAR_LIMIT = 3
WAITING_LIMIT = 10
POPULAR_CANDIDATES = 30
# New threads per digest window considered at most (a busy week is a few hundred).
NEW_THREAD_CANDIDATES = 5000
EXCERPT_CHARS = 160
# Candidate lists (new and popular threads) are the same for everyone whose digest ends at the
# same quarter hour, so they are computed once per quarter hour and period length (cached 20
# minutes: accounts.cache_keys.DIGEST_POPULAR, DIGEST_NEW_THREADS).
PERIOD_LENGTH = {
    DigestFrequency.DAILY: timedelta(days=1),
    DigestFrequency.WEEKLY: timedelta(days=7),
}


@dataclass
class DigestEntry:
    """One thread in a digest."""

    title: str
    forum_name: str
    url: str
    new_count: int = 0
    reply_count: int = 0
    excerpt: str = ""
    content_warning: str = ""


@dataclass
class Digest:
    until: datetime
    watched: list[DigestEntry] = field(default_factory=list)
    followed: list[DigestEntry] = field(default_factory=list)
    popular: list[DigestEntry] = field(default_factory=list)
    # Threads waiting for a first reply: for trusted members and peer supporters only.
    waiting: list[DigestEntry] = field(default_factory=list)

    @property
    def item_count(self) -> int:
        return len(self.watched) + len(self.followed) + len(self.popular) + len(self.waiting)

    @property
    def is_empty(self) -> bool:
        return self.item_count == 0

    @property
    def forum_names(self) -> list[str]:
        names = []
        for entry in [*self.watched, *self.followed, *self.popular, *self.waiting]:
            if entry.forum_name not in names:
                names.append(entry.forum_name)
        return names


def digest_window(
    *, frequency: str, last_sent_at: datetime | None, now: datetime
) -> tuple[datetime, datetime]:
    """Return the (start, end] a digest covers. It ends at the current quarter hour, which the
    next digest starts from (nothing falls between two digests or is counted twice), and starts
    at the last digest's end, never more than one period and a day back."""
    end = now.replace(minute=now.minute - now.minute % 15, second=0, microsecond=0)
    length = PERIOD_LENGTH.get(frequency, timedelta(days=7))
    if last_sent_at is None:
        return end - length, end
    return max(last_sent_at, end - length - timedelta(days=1)), end


def popular_candidates(*, frequency: str, until: datetime) -> list[int]:
    """Return candidate popular threads of the period before `until` (cached per quarter hour:
    the same for everyone; each member's rules are applied by the selector afterwards)."""
    since = until - PERIOD_LENGTH.get(frequency, timedelta(days=7))
    return cache.get_or_set(
        DIGEST_POPULAR.key(frequency=frequency, until=until.isoformat()),
        lambda: selectors.thread_ids_popular_since(since=since, limit=POPULAR_CANDIDATES),
        DIGEST_POPULAR.timeout,
    )


def new_thread_candidates(*, frequency: str, until: datetime) -> list[tuple[int, int]]:
    """Return (thread, forum) ids of threads started in the longest window a digest ending at
    `until` may cover, cached per quarter hour: every member's window lies inside it, and the
    selector applies each member's rules and own window afterwards."""
    since = until - PERIOD_LENGTH.get(frequency, timedelta(days=7)) - timedelta(days=1)
    return cache.get_or_set(
        DIGEST_NEW_THREADS.key(frequency=frequency, until=until.isoformat()),
        lambda: selectors.thread_ids_started_since(
            since=since, until=until, limit=NEW_THREAD_CANDIDATES
        ),
        DIGEST_NEW_THREADS.timeout,
    )


def excerpt_of(body_html: str) -> str:
    """Return plain text from sanitised post HTML, shortened to a line or two."""
    text = " ".join(html.unescape(strip_tags(body_html)).split())
    return Truncator(text).chars(EXCERPT_CHARS)


def _entry(row: dict, *, url: str) -> DigestEntry:
    return DigestEntry(
        title=row["thread__title"],
        forum_name=row["thread__forum__name"],
        url=absolute_url(url),
        new_count=row.get("new_count", 0),
        reply_count=row.get("thread__reply_count", 0),
    )


def _thread_url(row: dict) -> str:
    return _path("forums:thread", pk=row["thread_id"], slug=row["thread__slug"])


def _unread_url(row: dict) -> str:
    return _path("forums:thread_unread", pk=row["thread_id"])


def _path(name: str, **kwargs) -> str:
    # Many digests link to the same threads: reverse() each link once per worker (bounded).
    key = (get_script_prefix(), name, *kwargs.items())
    path = _paths.get(key)
    if path is None:
        if len(_paths) >= PATHS_CACHED:
            _paths.clear()
        path = _paths[key] = reverse(name, kwargs=kwargs)
    return path


PATHS_CACHED = 20000
_paths: dict[tuple, str] = {}


def digest_build(
    *, user, frequency: str, since: datetime, until: datetime, with_excerpts: bool
) -> Digest:
    """Return `user`'s digest of what is new in (`since`, `until`] (3 queries, 4 with
    excerpts; the shared candidate lists of new and popular threads are cached).

    Sending builds digests in batches (`batch.digests_build`, a batch of one for one member);
    this one member's build through the per-member selectors is the reference the batch is
    tested against (tests/forums/test_digest_batch.py)."""
    watched = selectors.digest_watched_threads(
        user=user, since=since, until=until, limit=WATCHED_LIMIT
    )
    seen = {row["thread_id"] for row in watched}
    in_followed, popular_ids = thread_candidates_for(
        frequency=frequency,
        until=until,
        followed_forums=selectors.forum_ids_followed_by(user),
        seen=seen,
    )
    rows = selectors.digest_new_threads(
        user=user, thread_ids=in_followed.union(popular_ids), until=until
    )
    digest, followed, popular = digest_assemble(
        watched=watched,
        new_rows=rows,
        in_followed=in_followed,
        popular_ids=popular_ids,
        since=since,
        until=until,
    )
    if with_excerpts and not digest.is_empty:
        digest_add_excerpts(user, digest, watched=watched, followed=followed, popular=popular)
    digest_add_waiting(user, digest)
    return digest


def digest_add_waiting(user, digest: Digest) -> None:
    """Add the threads waiting for a first reply at the digest's end, for members who see the
    waiting list (1 query for them, none for others). Titles only: the reader opens them."""
    if not can_see_waiting_list(user):
        return
    threads = waiting_threads_for(user, now=digest.until, limit=WAITING_LIMIT)
    digest.waiting = [
        DigestEntry(
            title=thread.title,
            forum_name=thread.forum.name,
            url=absolute_url(_path("forums:thread", pk=thread.pk, slug=thread.slug)),
        )
        for thread in threads
    ]


def thread_candidates_for(
    *, frequency: str, until: datetime, followed_forums: set[int], seen: set[int]
) -> tuple[set[int], list[int]]:
    """Return the candidate new threads in `followed_forums` and the candidate popular threads
    of a digest ending at `until`, less the threads in `seen` (its watched threads)."""
    in_followed = {
        thread_id
        for thread_id, forum_id in new_thread_candidates(frequency=frequency, until=until)
        if forum_id in followed_forums and thread_id not in seen
    }
    popular_ids = [
        thread_id
        for thread_id in popular_candidates(frequency=frequency, until=until)
        if thread_id not in seen
    ]
    return in_followed, popular_ids


def digest_assemble(
    *, watched: list[dict], new_rows: list[dict], in_followed, popular_ids, since, until
) -> tuple[Digest, list[dict], list[dict]]:
    """Return the digest made of the member's `watched` rows (latest first, at most
    WATCHED_LIMIT) and readable opening posts `new_rows`, with the followed and popular rows
    chosen (for excerpts)."""
    seen = {row["thread_id"] for row in watched}
    followed = sorted(
        (r for r in new_rows if r["thread_id"] in in_followed and r["created_at"] > since),
        key=lambda r: (r["created_at"], r["thread_id"]),
        reverse=True,
    )[:FOLLOWED_LIMIT]
    seen |= {row["thread_id"] for row in followed}
    still_popular = set(popular_ids) - seen
    popular = sorted(
        (r for r in new_rows if r["thread_id"] in still_popular),
        key=lambda r: (r["thread__reply_count"], r["thread_id"]),
        reverse=True,
    )[:POPULAR_LIMIT]
    digest = Digest(
        watched=[_entry(row, url=_unread_url(row)) for row in watched],
        followed=[_entry(row, url=_thread_url(row)) for row in followed],
        popular=[_entry(row, url=_thread_url(row)) for row in popular],
        until=until,
    )
    return digest, followed, popular


def digest_add_excerpts(user, digest: Digest, *, watched, followed, popular) -> None:
    """Add excerpts (or only the content warning) to `digest`'s entries, read through the
    selectors (1 query)."""
    post_ids = [row["latest_post_id"] for row in watched]
    post_ids += [row["pk"] for row in [*followed, *popular]]
    texts = selectors.digest_post_texts(user=user, post_ids=post_ids)
    entries = [*digest.watched, *digest.followed, *digest.popular]
    for entry, post_id in zip(entries, post_ids, strict=True):
        text = texts.get(post_id)
        if text is None:
            continue
        if text["content_warning"]:
            # A post behind a content warning shows only the warning, as on the site.
            entry.content_warning = text["content_warning"]
        else:
            entry.excerpt = excerpt_of(text["body_html"])
