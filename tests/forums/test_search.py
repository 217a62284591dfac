"""Search: matches titles and bodies, filters, safe highlights, and only readable posts."""

from django.db import connection
from django.utils import timezone

from forums import ratelimits, services
from forums.search import HL_START, HL_STOP, SearchFilters, highlight_safe, post_search
from tests.factories import ForumFactory, ThreadFactory, UserFactory


def test_search_finds_bodies_and_titles(client, forum, author):
    ThreadFactory(forum=forum, author=author, title="Gardening calms me", body="Soil and seeds.")
    ThreadFactory(forum=forum, author=author, title="Other", body="Walking by the river helps.")
    assert "Gardening calms me" in client.get("/search/", {"q": "gardening"}).content.decode()
    assert "river" in client.get("/search/", {"q": "river"}).content.decode()


def test_search_filters_by_forum_and_author(client, forum, author, member):
    other_forum = ForumFactory(slug="adhd", name="ADHD")
    ThreadFactory(forum=forum, author=author, title="Focus tips", body="timers help focus")
    ThreadFactory(forum=other_forum, author=member, title="Focus here", body="lists help focus")
    by_forum = client.get("/search/", {"q": "focus", "forum": "adhd"}).content.decode()
    assert "Focus here" in by_forum and "Focus tips" not in by_forum
    by_author = client.get("/search/", {"q": "focus", "author": "@sam-walks"}).content.decode()
    assert "Focus tips" in by_author and "Focus here" not in by_author


def test_search_never_shows_private_or_held_posts_to_others(client, member, operator):
    private = ForumFactory(visibility="private")
    insider = UserFactory(trust_level="member")
    services.forum_access_grant(forum=private, user=insider, acting_user=operator)
    ThreadFactory(forum=private, author=insider, title="Secret garden", body="hidden words")
    held_forum = ForumFactory(is_new_member_post_held=True)
    newcomer = UserFactory(trust_level="new")
    services.thread_create(author=newcomer, forum=held_forum, title="Secret wait", body="hidden")
    client.force_login(member)
    assert "Secret" not in client.get("/search/", {"q": "secret"}).content.decode()
    client.force_login(newcomer)
    html = client.get("/search/", {"q": "secret"}).content.decode()
    assert "Secret wait" in html and "Secret garden" not in html


def test_search_shows_content_warning_instead_of_a_snippet(client, forum, author):
    ThreadFactory(forum=forum, author=author, title="Hard day", content_warning="self-harm",
                  body="detailed words")  # fmt: skip
    html = client.get("/search/", {"q": "detailed"}).content.decode()
    assert "self-harm" in html and "detailed words" not in html


def test_highlights_escape_member_text_and_keep_only_marks():
    snippet = f"<script>x</script> {HL_START}calm{HL_STOP} {HL_START}<b>"
    assert highlight_safe(snippet) == "&lt;script&gt;x&lt;/script&gt; <mark>calm</mark> &lt;b&gt;"


def test_search_page_escapes_hostile_text(client, forum, author):
    ThreadFactory(forum=forum, author=author, title="<img src=x onerror=alert(1)>",
                  body="panic <script>alert(1)</script> panic")  # fmt: skip
    html = client.get("/search/", {"q": "panic"}).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html


def test_empty_query_shows_only_the_form(client, db):
    response = client.get("/search/", {"q": "  "})
    assert response.status_code == 200 and "result" not in response.content.decode()


def test_search_results_page_beyond_the_end_is_404(client, thread):
    assert client.get("/search/", {"q": "breathing", "page": 9}).status_code == 404


def test_search_is_rate_limited_with_a_message(client, thread, monkeypatch, time_machine):
    monkeypatch.setitem(ratelimits.RATES, "search", ("1/m", "1/m"))
    # The clock stands still: the limit counts per fixed window, which would start again if
    # its end fell between the two requests.
    time_machine.move_to(timezone.now(), tick=False)
    client.get("/search/", {"q": "breathing"})
    response = client.get("/search/", {"q": "breathing"})
    assert response.status_code == 429 and "wait a minute" in response.content.decode()


def test_search_uses_web_search_syntax_and_ranking_on_postgresql(forum, author, member):
    if connection.vendor != "postgresql":
        import pytest

        pytest.skip("full-text search runs on PostgreSQL")
    ThreadFactory(forum=forum, author=author, title="Panic at night", body="panic panic panic")
    ThreadFactory(forum=forum, author=author, title="Mornings", body="a panic now and then")
    ThreadFactory(forum=forum, author=author, title="Sleep", body="panic but not at night")
    results = list(post_search(user=member, filters=SearchFilters(q="panic -sleep")))
    assert {post.thread.title for post in results} == {"Panic at night", "Mornings"}
    assert all(f"{HL_START}panic{HL_STOP}" in post.snippet.lower() for post in results)
    # Ranked, not merely newest first: the title and three mentions beat one later mention.
    ranked = post_search(user=member, filters=SearchFilters(q="panic"))
    assert ranked[0].thread.title == "Panic at night"
    assert ranked[-1].thread.title == "Mornings"  # one mention in a longer text


def test_a_common_word_lists_a_bounded_number_and_says_there_are_more(
    client, forum, author, monkeypatch
):
    # The same rule as with a thousand results, with three: the page says "more than" and lists
    # the best of the newest matches only, so nothing counts or ranks every match.
    from forums import search

    monkeypatch.setattr(search, "MAX_RESULTS", 3)
    monkeypatch.setattr(search, "CANDIDATES", 4)
    for n in range(6):
        ThreadFactory(forum=forum, author=author, title=f"Kettle {n}", body=f"kettle story {n}")
    html = client.get("/search/", {"q": "kettle"}).content.decode()
    assert "More than 3 results" in html
    listed = [n for n in range(6) if f"Kettle {n}<" in html]
    assert listed == [3, 4, 5]  # the newest three; the oldest are beyond the bound


def test_a_rare_word_is_found_however_many_newer_posts_match_a_common_word(
    client, forum, author, monkeypatch
):
    from forums import search

    monkeypatch.setattr(search, "MAX_RESULTS", 3)
    monkeypatch.setattr(search, "CANDIDATES", 4)
    ThreadFactory(forum=forum, author=author, title="Old one", body="kettle and heron")
    for n in range(6):
        ThreadFactory(forum=forum, author=author, title=f"Kettle {n}", body=f"kettle story {n}")
    html = client.get("/search/", {"q": "heron"}).content.decode()
    assert "Old one" in html and "1 result" in html and "More than" not in html


def test_the_bound_applies_after_visibility(client, member, operator, forum, author, monkeypatch):
    # Newer matches the viewer may not read do not use up the bound.
    from forums import search

    monkeypatch.setattr(search, "MAX_RESULTS", 3)
    monkeypatch.setattr(search, "CANDIDATES", 4)
    ThreadFactory(forum=forum, author=author, title="Readable kettle", body="kettle here")
    private = ForumFactory(visibility="private")
    insider = UserFactory(trust_level="member")
    services.forum_access_grant(forum=private, user=insider, acting_user=operator)
    for n in range(6):
        ThreadFactory(forum=private, author=insider, title=f"Private {n}", body="kettle there")
    client.force_login(member)
    html = client.get("/search/", {"q": "kettle"}).content.decode()
    assert "Readable kettle" in html and "Private" not in html and "1 result" in html


def test_a_results_page_costs_the_same_queries_whatever_the_number_of_results(
    client, forum, author, member
):
    # Each result's thread, forum and author come with it: nothing is read again per result.
    from django.test.utils import CaptureQueriesContext

    ThreadFactory(forum=forum, author=author, title="One lantern", body="lantern alone")
    for n in range(6):
        ThreadFactory(forum=forum, author=author, title=f"Candle {n}", body=f"candle story {n}")
    for logged_in in (False, True):
        if logged_in:
            client.force_login(member)
        counts = []
        for word in ("lantern", "candle", "lantern", "candle"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/search/", {"q": word}).status_code == 200
            counts.append(len(queries))
        assert counts[2] == counts[3], counts
