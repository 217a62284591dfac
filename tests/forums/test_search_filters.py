"""Search honours what a member chose not to see: blocked and muted members, muted forums and
threads are left out; a result with a muted word is listed collapsed, without its snippet."""

import pytest

from accounts import services as account_services
from forums import services
from tests.factories import ForumFactory, PostFactory, ThreadFactory, UserFactory

MUTED_NOTICE = "Hidden: contains a word you muted."


@pytest.fixture
def pest(db):
    return UserFactory(handle="loud_pest", trust_level="member")


def _search(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def test_result_with_a_muted_word_is_collapsed_without_its_snippet(client, member, thread):
    PostFactory(thread=thread, body="Tonight the hospital corridor felt endless")
    PostFactory(thread=thread, body="Tonight I watered the hospitality plants")
    account_services.mute_words_add(user=member, text="hospital")
    client.force_login(member)

    html = _search(client, "tonight")

    assert "2 results" in html
    assert html.count(MUTED_NOTICE) == 1
    assert "corridor felt endless" not in html
    assert "watered the" in html
    assert "(show anyway)" in html


def test_muted_word_in_a_content_warning_collapses_the_result_too(client, member, forum):
    ThreadFactory(forum=forum, title="A hard week", content_warning="hospital stay",
                  body="gentle words about a week")  # fmt: skip
    account_services.mute_words_add(user=member, text="Hospital")
    client.force_login(member)

    html = _search(client, "gentle")

    assert MUTED_NOTICE in html
    assert "hospital stay" not in html


def test_muted_words_never_collapse_your_own_posts_or_anyones_for_others(
    client, member, other_member, thread
):
    PostFactory(thread=thread, author=member, body="my hospital notes, kept for me")
    PostFactory(thread=thread, author=other_member, body="their hospital notes")
    account_services.mute_words_add(user=member, text="hospital")
    client.force_login(member)
    mine = _search(client, "notes")
    assert "kept" in mine  # their own post keeps its snippet
    assert mine.count(MUTED_NOTICE) == 1

    client.force_login(other_member)
    assert MUTED_NOTICE not in _search(client, "notes")
    client.logout()
    visitor = _search(client, "notes")
    assert MUTED_NOTICE not in visitor and "their hospital" in visitor


@pytest.mark.parametrize("how", ["block", "mute"])
def test_blocked_or_muted_members_posts_and_threads_are_left_out_of_search(
    client, member, pest, forum, how
):
    ThreadFactory(forum=forum, author=pest, title="Pest's quiet garden", body="quiet garden")
    PostFactory(thread=ThreadFactory(forum=forum), author=pest, body="quiet garden reply")
    ThreadFactory(forum=forum, title="Friendly quiet garden", body="quiet garden too")
    if how == "block":
        account_services.block_create(user=member, member=pest)
    else:
        account_services.mute_member(user=member, member=pest)
    client.force_login(member)

    html = _search(client, "garden")

    assert "1 result" in html
    assert "Friendly quiet garden" in html
    assert "Pest&#x27;s quiet garden" not in html and "quiet garden reply" not in html
    # The filter is theirs only: another member, and the blocked or muted member, find all.
    client.force_login(UserFactory())
    assert "3 results" in _search(client, "garden")


def test_the_blocked_member_still_finds_the_blockers_posts(client, member, pest, forum):
    ThreadFactory(forum=forum, author=member, title="Member's lantern", body="lantern light")
    account_services.block_create(user=member, member=pest)
    client.force_login(pest)
    assert "1 result" in _search(client, "lantern")


def test_muted_forums_and_threads_are_left_out_of_search(client, member, forum):
    other = ForumFactory(slug="other-forum")
    muted_thread = ThreadFactory(forum=other, title="Muted thread", body="willow bark")
    ThreadFactory(forum=other, title="Open thread", body="willow leaf")
    ThreadFactory(forum=forum, title="In a muted forum", body="willow root")
    account_services.mute_forum(user=member, forum=forum)
    services.thread_mute(user=member, thread=muted_thread, is_muted=True)
    client.force_login(member)

    html = _search(client, "willow")

    assert "1 result" in html and "Open thread" in html
    assert "Muted thread" not in html and "In a muted forum" not in html


def test_search_with_muted_words_keeps_a_small_query_budget(
    client, member, thread, django_assert_max_num_queries
):
    for n in range(25):
        PostFactory(thread=thread, body=f"river note {n} about the hospital")
    account_services.mute_words_add(user=member, text="hospital\nclinic")
    client.force_login(member)
    with django_assert_max_num_queries(12):
        html = _search(client, "river")
    assert html.count(MUTED_NOTICE) == 20
