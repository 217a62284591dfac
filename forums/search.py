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
    thread_titles_decorate,
)

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


def _filtered(user, filters: SearchFilters) -> QuerySet[Post]:
    posts = post_list_readable_by(user)
    if filters.forum_slug:
        posts = posts.filter(thread__forum__slug=filters.forum_slug)
    if filters.author_handle:
        posts = posts.filter(author__handle__iexact=filters.author_handle)
    return posts


def _listed(user, ids: list[int]) -> QuerySet[Post]:
    """The chosen posts with what a result shows. `ids` come from `_filtered` in this same
    request, so the visibility joins are not repeated for them."""
    posts = Post.objects.filter(pk__in=ids).select_related("thread__forum", "author")
    # Muted words are matched on the rendered text, as on the thread page.
    if member_filters_for(user).mute_words:
        return posts.defer("search_vector")
    return posts.defer("body_html", "search_vector")


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
    else:
        query = SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)
        matches = Q(search_vector=query)
    # Newest first by primary key: for a common word PostgreSQL walks the key backwards and
    # stops after CANDIDATES readable matches; for a rare word it reads the GIN index. Ranked
    # in the same statement (the post table alone), so only ids cross the wire.
    newest = _filtered(user, filters).filter(matches).order_by("-pk").values("pk")[:CANDIDATES]
    chosen = Post.objects.filter(pk__in=newest)
    if query is None:
        chosen = chosen.order_by("-created_at", "-pk")
    else:
        chosen = chosen.annotate(rank=SearchRank(F("search_vector"), query))
        chosen = chosen.order_by("-rank", "-created_at", "-pk")
    ids = list(chosen.values_list("pk", flat=True))
    more_than = len(ids) > MAX_RESULTS
    return SearchResults(ranked_ids=ids[:MAX_RESULTS], more_than=more_than, query=query)


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
