"""Search over thread titles and post bodies, through the visibility layer.

Members' own filters apply as everywhere else: posts by members they blocked or muted, and in
forums or threads they muted, are left out (`post_list_readable_by`), as they are left out of
forum lists, notifications and digests. A post containing a word they muted is listed
collapsed, "contains a word you muted", with its title but without its snippet or content
warning, as the thread page collapses it and the digest drops its excerpt; the title stays
because thread pages and digests show titles too.

PostgreSQL: the stored `Post.search_vector` (GIN-indexed, written by the posting services in
the same transaction), web-search query syntax, ranked, with highlighted snippets. SQLite: a
simple case-insensitive match, enough for development.

Built for a million posts on one database server: a common word matches hundreds of thousands
of posts, and neither counting nor ranking them all can answer in time. So a search looks at
the newest `CANDIDATES` readable matches only (an index walk that stops there), ranks those,
lists the best 1,000 and says "more than 1,000 results" when there are more. For a rare word
that is every match.
The search engine behind this is one function, `post_search`; an operator who outgrows
PostgreSQL replaces it with an adapter to a dedicated engine (README, "Search").
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from accounts.selectors import member_filters_for
from forums.models import SEARCH_CONFIG, Post
from forums.selectors import (
    post_collapse_reason,
    post_list_readable_by,
    post_list_readable_by_viewer,
    thread_titles_decorate,
)
from forums.visibility import Viewer, viewer_for

# Private-use characters as highlight markers: after the whole snippet is HTML-escaped, only
# balanced marker pairs become <mark> elements, so member text can never become markup.
HL_START, HL_STOP = "\ue000", "\ue001"
_HL_PAIR_RE = re.compile(f"{HL_START}([^{HL_START}{HL_STOP}]*){HL_STOP}")
MAX_QUERY_LENGTH = 200
# A snippet is at most two fragments of 35 words; this bounds one made of a very long "word".
SNIPPET_MAX_CHARS = 400
# Results a search lists at most, newest matches first considered; one more is fetched only to
# know whether to say "more than".
MAX_RESULTS = 1000
CANDIDATES = MAX_RESULTS + 1


@dataclass(frozen=True)
class SearchFilters:
    q: str
    forum_slug: str = ""
    author_handle: str = ""


def highlight_safe(snippet: str) -> SafeString:
    """Escape `snippet` and turn only balanced highlight markers into <mark> elements."""
    escaped = escape(snippet)
    marked = _HL_PAIR_RE.sub(r"<mark>\1</mark>", escaped)
    return mark_safe(marked.replace(HL_START, "").replace(HL_STOP, ""))


def _filtered(posts: QuerySet[Post], *, forum_slug: str, author_handle: str) -> QuerySet[Post]:
    if forum_slug:
        posts = posts.filter(thread__forum__slug=forum_slug)
    if author_handle:
        posts = posts.filter(author__handle__iexact=author_handle)
    return posts


# What a result shows (search.html) and what `search_results_prepare` and
# `thread_titles_decorate` read: a page of results loads these columns only, not every column
# of four tables (the author's included).
_LISTED_FIELDS = (
    "thread_id",
    "author_id",
    "status",
    "content_warning",
    "created_at",
    "thread__title",
    "thread__slug",
    # Whether a visitor may read the title (`thread_titles_decorate`).
    "thread__is_crisis_review_pending",
    "thread__forum_id",
    "thread__forum__name",
    "author__handle",
)


def _listed(user, ids: list[int]) -> QuerySet[Post]:
    """The chosen posts with what a result shows. `ids` come from `_filtered` in this same
    request, so the visibility joins are not repeated for them."""
    posts = Post.objects.filter(pk__in=ids).select_related("thread__forum", "author")
    # Muted words are matched on the rendered text, as on the thread page.
    if member_filters_for(user).mute_words:
        return posts.only(*_LISTED_FIELDS, "body_html")
    return posts.only(*_LISTED_FIELDS)


def search_results_prepare(*, user, posts) -> None:
    """Set each result's `viewer_collapse_reason` (a muted word, else "") and its highlighted
    `snippet_html`, left empty for a collapsed result so the muted text is never rendered."""
    filters = member_filters_for(user)
    viewer_id = user.pk if user.is_authenticated else None
    for post in posts:
        post.viewer_collapse_reason = post_collapse_reason(filters, post, viewer_id=viewer_id)
        if post.viewer_collapse_reason:
            post.snippet_html = ""
        else:
            post.snippet_html = highlight_safe((post.snippet or "")[:SNIPPET_MAX_CHARS])


@dataclass(frozen=True)
class SearchResults:
    ranked_ids: list[int]  # readable matches, best first, at most MAX_RESULTS
    more_than: bool  # there are more than MAX_RESULTS readable matches
    query: SearchQuery | None  # None on SQLite


def post_search_results(*, user, filters: SearchFilters) -> SearchResults:
    """Search the posts `user` may read: the best MAX_RESULTS of the newest CANDIDATES
    matches, as ids, from one bounded query whatever the number of matches. `result_posts`
    loads a page of them."""
    q = filters.q.strip()[:MAX_QUERY_LENGTH]
    if not q:
        return SearchResults(ranked_ids=[], more_than=False, query=None)
    if connection.vendor != "postgresql":
        query = None
        matches = Q(body__icontains=q) | Q(position=1, thread__title__icontains=q)
        posts = _filtered(
            post_list_readable_by(user),
            forum_slug=filters.forum_slug,
            author_handle=filters.author_handle,
        )
        newest = posts.filter(matches).order_by("-pk").values("pk")[:CANDIDATES]
        chosen = Post.objects.filter(pk__in=newest)
        ids = list(chosen.order_by("-created_at", "-pk").values_list("pk", flat=True))
    else:
        query = SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)
        statement, params = _ranked_statement(
            viewer_for(user), filters.forum_slug, filters.author_handle, CANDIDATES
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, tuple(q if value == _WORDS else value for value in params))
            ids = cursor.fetchone()[0] or []
    more_than = len(ids) > MAX_RESULTS
    return SearchResults(ranked_ids=ids[:MAX_RESULTS], more_than=more_than, query=query)


# The searched words in a statement compiled once (private-use characters, as the highlights).
_WORDS = "\ue002words\ue003"


@lru_cache(maxsize=256)
def _ranked_statement(
    viewer: Viewer, forum_slug: str, author_handle: str, candidates: int
) -> tuple[str, tuple]:
    """The statement answering a search for this viewer and filters, and its parameters, the
    words a marker: the ids of the newest `candidates` readable matches, best ranked first, as one
    array. Building and compiling it through the ORM (the visibility rule's joins and
    subqueries) cost the web process about as much CPU as PostgreSQL spends running it, so it
    is built once per viewer value and filters (the rule depends on nothing else).

    Each row is ranked where the scan reads it (ranking the chosen ids afterwards fetched them
    all again by primary key). Without filters, the visibility rule is checked on the matches
    newest first, each against its thread and forum by primary key, until enough are readable:
    left to itself, PostgreSQL joins every match of a rare word (all 2,747 of "estuary") to a
    hash of every thread, then sorts, to keep the newest 1,001. With an author or forum filter
    the planner may do better to start from those rows (a member's few posts among a common
    word's 200,000 matches), so it keeps the choice.
    """
    query = SearchQuery(_WORDS, search_type="websearch", config=SEARCH_CONFIG)
    posts = _filtered(
        post_list_readable_by_viewer(viewer), forum_slug=forum_slug, author_handle=author_handle
    )
    newest = (
        posts.filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-pk")
        .values_list("pk", "created_at", "rank")[:candidates]
    )
    sql, params = newest.query.sql_with_params()
    if not (forum_slug or author_handle):
        sql, params = _read_matches_newest_first(sql, params, query)
    # The ORM's own SQL, its values passed as parameters.
    order = "candidate.rank DESC, candidate.created_at DESC, candidate.id DESC"
    statement = f"SELECT array_agg(candidate.id ORDER BY {order}) FROM ({sql}) AS candidate"  # noqa: S608
    return f"{statement} (id, created_at, rank)", params


def _read_matches_newest_first(sql: str, params: tuple, query: SearchQuery) -> tuple[str, tuple]:
    """`sql` (a query on the post table) reading the posts from a subquery of the matches in
    descending id order instead of from the table, the rest of the statement unchanged: the same
    rows, the same visibility rule and order, but the planner now joins each match to its thread
    and forum as it comes and stops at the LIMIT (`OFFSET 0` keeps the subquery from being
    merged into the statement). Left as it is if the table is named more than once."""
    table = connection.ops.quote_name(Post._meta.db_table)
    from_table = f" FROM {table} "
    if sql.count(from_table) != 1:
        return sql, params
    before, after = sql.split(from_table)
    # Every column the rule may read, less the texts (nothing filters on them; a rule that did
    # would fail loudly).
    matches = Post.objects.filter(search_vector=query).defer("body", "body_html").order_by("-pk")
    matches_sql, matches_params = matches.query.sql_with_params()
    split = before.count("%s")
    return (
        f"{before} FROM ({matches_sql} OFFSET 0) AS {table} {after}",
        (*params[:split], *matches_params, *params[split:]),
    )


def result_posts(*, user, results: SearchResults, ids: list[int]) -> list[Post]:
    """The posts `ids` (a page of `results.ranked_ids`), in that order, each with a `snippet`:
    highlighted fragments on PostgreSQL, computed for these posts only."""
    posts = _listed(user, ids)
    if results.query is None:
        posts = posts.annotate(snippet=F("body"))
    else:
        posts = posts.annotate(
            snippet=SearchHeadline(
                "body",
                results.query,
                config=SEARCH_CONFIG,
                start_sel=HL_START,
                stop_sel=HL_STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
            )
        )
    by_id = {post.pk: post for post in posts}
    listed = [by_id[pk] for pk in ids if pk in by_id]
    thread_titles_decorate(user, [post.thread for post in listed])
    return listed


def post_search(*, user, filters: SearchFilters) -> list[Post]:
    """Every listed result of a search, best first, with snippets (for callers without pages)."""
    results = post_search_results(user=user, filters=filters)
    return result_posts(user=user, results=results, ids=results.ranked_ids)
