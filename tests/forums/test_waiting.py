"""Nobody left unanswered: the waiting list, its count on the index, the digest section and the
first-reply figures of the transparency report."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from accounts import services as account_services
from accounts.services.peer import peer_supporter_grant
from forums import services
from forums.digests.sending import digest_send, digests_send_batch
from forums.enums import ForumVisibility
from forums.models import Thread
from forums.support import first_reply_report, waiting_threads_for
from moderation.enums import ReportReason, TargetKind
from moderation.models import SiteSettings
from tests.factories import ForumFactory, PostFactory, ThreadFactory, UserFactory

START = datetime(2026, 7, 1, 6, 0, tzinfo=UTC)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(START, tick=False)
    return time_machine


@pytest.fixture
def support_forum(db):
    return ForumFactory(name="Depression & low mood", slug="low-mood", is_support=True)


@pytest.fixture
def trusted(db):
    return UserFactory(handle="steady_oak", trust_level="trusted")


@pytest.fixture
def asker(db):
    return UserFactory(handle="night_owl", trust_level="member")


@pytest.fixture
def lonely_thread(clock, support_forum, asker):
    return ThreadFactory(forum=support_forum, author=asker, title="Awake again at 3am")


def test_a_thread_appears_after_the_interval_and_leaves_with_the_first_reply(
    clock, lonely_thread, trusted, asker
):
    clock.shift(timedelta(hours=5, minutes=59))
    assert waiting_threads_for(trusted) == []
    clock.shift(timedelta(minutes=2))
    assert [t.title for t in waiting_threads_for(trusted)] == ["Awake again at 3am"]

    PostFactory(thread=lonely_thread, author=asker, body="Still here, still awake.")
    assert [t.pk for t in waiting_threads_for(trusted)] == [lonely_thread.pk]  # own reply

    PostFactory(thread=lonely_thread, author=trusted, body="I'm here too. You're not alone.")
    assert waiting_threads_for(trusted) == []


def test_the_interval_is_the_operators_choice(clock, lonely_thread, trusted):
    site = SiteSettings.load()
    site.unanswered_after_hours = 2
    site.save()
    clock.shift(timedelta(hours=2, minutes=1))
    assert [t.pk for t in waiting_threads_for(trusted)] == [lonely_thread.pk]


def test_only_support_forums_are_listed(clock, trusted, asker):
    other = ForumFactory(name="Members' lounge", slug="lounge")
    ThreadFactory(forum=other, author=asker, title="What are you reading?")
    clock.shift(timedelta(hours=7))
    assert waiting_threads_for(trusted) == []


def test_threads_under_a_crisis_case_are_not_listed(clock, lonely_thread, trusted, other_member):
    from moderation import services as moderation_services

    opening = lonely_thread.posts.get(position=1)
    moderation_services.report_create(
        reporter=other_member, target_kind=TargetKind.POST, target=opening,
        reason=ReportReason.AT_RISK,
    )  # fmt: skip
    clock.shift(timedelta(hours=7))
    assert waiting_threads_for(trusted) == []


def test_held_threads_are_not_listed(clock, support_forum, trusted):
    support_forum.is_new_member_post_held = True
    support_forum.save()
    newcomer = UserFactory(handle="first_timer", trust_level="new")
    thread = ThreadFactory(forum=support_forum, author=newcomer, title="My first post")
    assert thread.status == "held"
    clock.shift(timedelta(hours=7))
    assert waiting_threads_for(trusted) == []


def test_private_forums_are_listed_only_to_members_with_access(clock, trusted, asker):
    private = ForumFactory(
        name="Carers", slug="carers", is_support=True, visibility=ForumVisibility.PRIVATE
    )
    services.forum_access_grant(forum=private, user=asker, acting_user=None)
    ThreadFactory(forum=private, author=asker, title="Caring is heavy this week")
    clock.shift(timedelta(hours=7))
    assert waiting_threads_for(trusted) == []
    services.forum_access_grant(forum=private, user=trusted, acting_user=None)
    assert [t.title for t in waiting_threads_for(trusted)] == ["Caring is heavy this week"]


def test_the_page_is_for_trusted_members_and_supporters_only(client, clock, lonely_thread, trusted):
    clock.shift(timedelta(hours=7))
    plain = UserFactory(handle="plain_member", trust_level="member")
    client.force_login(plain)
    assert client.get(reverse("forums:waiting")).status_code == 404
    assert "waiting for a first reply" not in client.get("/").content.decode()

    peer_supporter_grant(user=plain, trained_on=START.date(), acting_user=None)
    page = client.get(reverse("forums:waiting")).content.decode()
    assert "Awake again at 3am" in page

    client.force_login(trusted)
    index = client.get("/").content.decode()
    assert "1 thread is waiting for a first reply" in index
    PostFactory(thread=lonely_thread, author=trusted, body="Sending you warmth.")
    assert "0 threads are waiting for a first reply" in client.get("/").content.decode()
    assert "Awake again at 3am" not in client.get(reverse("forums:waiting")).content.decode()


@pytest.mark.parametrize("path", ["member", "batch"])
def test_trusted_members_get_the_waiting_threads_in_their_digest(
    clock, lonely_thread, trusted, path
):
    account_services.email_preferences_update(user=trusted, values={"digest_frequency": "daily"})
    send_at = datetime(2026, 7, 2, 8, 5, tzinfo=UTC)
    clock.move_to(send_at, tick=False)
    if path == "member":
        digest_send(user_id=trusted.pk, now=send_at)
    else:
        digests_send_batch(user_ids=[trusted.pk], now=send_at)
    (message,) = mail.outbox
    assert "Waiting for a first reply" in message.body
    assert "Awake again at 3am" in message.body
    assert "Awake again at 3am" in message.alternatives[0][0]


def test_plain_members_digests_have_no_waiting_section(clock, lonely_thread, other_member):
    account_services.email_preferences_update(
        user=other_member, values={"digest_frequency": "daily"}
    )
    services.thread_watch(user=other_member, thread=lonely_thread)
    clock.shift(timedelta(hours=7))
    PostFactory(thread=lonely_thread, author=lonely_thread.author, body="Still awake.")
    send_at = datetime(2026, 7, 2, 8, 5, tzinfo=UTC)
    clock.move_to(send_at, tick=False)
    digest_send(user_id=other_member.pk, now=send_at)
    (message,) = mail.outbox
    assert "Waiting for a first reply" not in message.body


def _thread_answered_after(forum, asker, replier, minutes: int | None, title: str):
    thread = ThreadFactory(forum=forum, author=asker, title=title)
    if minutes is not None:
        reply = PostFactory(thread=thread, author=replier, body="I hear you.")
        reply.__class__.objects.filter(pk=reply.pk).update(
            created_at=thread.created_at + timedelta(minutes=minutes)
        )
    return thread


def test_the_report_gives_median_p90_and_share_never_answered(clock, support_forum, asker, trusted):
    for n, minutes in enumerate([10, 20, 30, 40, 600, None]):
        _thread_answered_after(support_forum, asker, trusted, minutes, f"Thread {n}")
    clock.shift(timedelta(days=1))
    (row,) = first_reply_report()
    assert (row.forum, row.month, row.threads, row.answered) == (
        "Depression & low mood",
        "2026-07",
        6,
        5,
    )
    assert row.median_minutes == 30
    assert row.p90_minutes == 600
    assert row.never_answered_percent == 17


def test_young_threads_and_private_forums_are_not_in_the_report(clock, support_forum, asker):
    private = ForumFactory(name="Hidden room", slug="hidden", visibility=ForumVisibility.PRIVATE)
    services.forum_access_grant(forum=private, user=asker, acting_user=None)
    ThreadFactory(forum=private, author=asker, title="Private thread")
    ThreadFactory(forum=support_forum, author=asker, title="Just posted")
    clock.shift(timedelta(hours=1))
    assert first_reply_report() == []


def test_the_transparency_page_shows_first_reply_times(
    client, clock, support_forum, asker, trusted
):
    _thread_answered_after(support_forum, asker, trusted, 45, "Answered in 45 minutes")
    clock.shift(timedelta(days=1))
    page = client.get(reverse("moderation:transparency")).content.decode()
    assert "Time to a first reply" in page
    assert "Depression &amp; low mood" in page
    assert "45 minutes" in page
    assert asker.handle not in page and trusted.handle not in page


def test_the_index_query_budget_holds_for_a_trusted_member(
    client, clock, lonely_thread, trusted, django_assert_max_num_queries
):
    client.force_login(trusted)
    client.get("/")
    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200
    assert Thread.objects.count() == 1


@pytest.mark.parametrize("count", [1, 8])
def test_the_waiting_page_costs_the_same_whatever_the_number_of_threads(
    client, clock, support_forum, asker, trusted, count, django_assert_max_num_queries
):
    for n in range(count):
        ThreadFactory(forum=support_forum, author=asker, title=f"Waiting {n}")
    clock.shift(timedelta(hours=7))
    client.force_login(trusted)
    client.get(reverse("forums:waiting"))
    with django_assert_max_num_queries(10):
        page = client.get(reverse("forums:waiting")).content.decode()
    assert page.count("Waiting ") >= count


@pytest.mark.parametrize("count", [1, 8])
def test_the_supporter_page_costs_the_same_whatever_the_number_of_requests(
    client, clock, support_forum, asker, count, django_assert_max_num_queries
):
    from moderation.services import check_in_request_for_member

    supporter = UserFactory(handle="kind_willow")
    peer_supporter_grant(user=supporter, trained_on=START.date(), acting_user=None)
    for n in range(count):
        ThreadFactory(forum=support_forum, author=asker, title=f"Waiting {n}")
        worried = UserFactory(handle=f"worried_{n}")
        check_in_request_for_member(supporter=supporter, member=worried)
    clock.shift(timedelta(hours=7))
    client.force_login(supporter)
    client.get(reverse("forums:supporters"))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("forums:supporters")).content.decode()
    assert page.count("worried_") == count


def test_threads_leave_the_list_after_a_month(clock, lonely_thread, trusted):
    clock.shift(timedelta(days=29))
    assert [t.pk for t in waiting_threads_for(trusted)] == [lonely_thread.pk]
    clock.shift(timedelta(days=2))
    assert waiting_threads_for(trusted) == []
