"""Staffed hours: "staffed now" and the next period, across DST and midnight, in the viewer's
zone; configured by operators in the console; shown on forum and thread pages."""

from dataclasses import dataclass
from datetime import UTC, datetime, time

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from forums.models import ForumOfficeHours
from forums.office_hours import office_hours_at, office_hours_summary, validate_time_zone
from tests.factories import ForumFactory, ThreadFactory, UserFactory

MON, TUE, FRI, SAT, SUN = 1, 2, 5, 6, 7


@dataclass
class Slot:
    weekday: int
    start_time: time
    end_time: time
    time_zone: str = "Europe/London"


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def weekdays(start=time(9), end=time(17), zone="Europe/London"):
    return [Slot(day, start, end, zone) for day in range(1, 6)]


# --- The pure function -------------------------------------------------------------------


def test_a_forum_without_slots_has_no_staffed_hours():
    assert office_hours_at([], now=utc(2026, 7, 6, 10)) is None
    assert (
        office_hours_summary([], now=utc(2026, 7, 6, 10), zone_name="UTC", is_viewer_zone=False)
        is None
    )


def test_staffed_now_until_the_end_of_the_period_in_summer_time():
    # Monday 6 July 2026, 11:00 in London (BST, UTC+1).
    state = office_hours_at(weekdays(), now=utc(2026, 7, 6, 10))
    assert state.is_staffed
    assert state.current.start == utc(2026, 7, 6, 8)
    assert state.current.end == utc(2026, 7, 6, 16)
    assert state.next.start == utc(2026, 7, 7, 8)


def test_next_period_after_the_clocks_go_back_keeps_its_local_time():
    # Friday 23 October 2026 after hours (BST); the clocks go back on Sunday 25 October, so
    # Monday 09:00 in London is 09:00 UTC, not 08:00.
    state = office_hours_at(weekdays(), now=utc(2026, 10, 23, 18))
    assert not state.is_staffed
    assert state.next.start == utc(2026, 10, 26, 9)
    assert state.next.end == utc(2026, 10, 26, 17)


def test_overnight_period_across_the_autumn_change_lasts_an_hour_longer():
    # Saturday 22:00 BST (21:00 UTC) until Sunday 02:00 GMT (02:00 UTC): five real hours.
    slots = [Slot(SAT, time(22), time(2))]
    state = office_hours_at(slots, now=utc(2026, 10, 25, 1, 30))  # 01:30 GMT, the second time
    assert state.current.start == utc(2026, 10, 24, 21)
    assert state.current.end == utc(2026, 10, 25, 2)


def test_period_across_the_spring_change_ends_at_its_local_time():
    # Sunday 29 March 2026: 01:00 GMT jumps to 02:00 BST; 01:00–03:00 local is one real hour.
    slots = [Slot(SUN, time(1), time(3))]
    state = office_hours_at(slots, now=utc(2026, 3, 29, 1, 30))
    assert state.current.start == utc(2026, 3, 29, 1)
    assert state.current.end == utc(2026, 3, 29, 2)
    assert not office_hours_at(slots, now=utc(2026, 3, 29, 2, 1)).is_staffed


def test_overnight_slot_runs_past_midnight_into_the_next_day():
    slots = [Slot(FRI, time(22), time(2), "UTC")]
    during = office_hours_at(slots, now=utc(2026, 7, 11, 1))  # Saturday 01:00
    assert during.current.end == utc(2026, 7, 11, 2)
    before = office_hours_at(slots, now=utc(2026, 7, 10, 21))  # Friday 21:00
    assert not before.is_staffed
    assert (before.next.start, before.next.end) == (utc(2026, 7, 10, 22), utc(2026, 7, 11, 2))
    after = office_hours_at(slots, now=utc(2026, 7, 11, 2))  # the end itself is not staffed
    assert not after.is_staffed and after.next.start == utc(2026, 7, 17, 22)


def test_back_to_back_periods_read_as_one():
    slots = [Slot(MON, time(9), time(12), "UTC"), Slot(MON, time(12), time(17), "UTC")]
    state = office_hours_at(slots, now=utc(2026, 7, 6, 10))
    assert state.current.end == utc(2026, 7, 6, 17)


def test_a_weekly_slot_seen_after_it_ended_is_next_week():
    slots = [Slot(MON, time(9), time(17), "UTC")]
    state = office_hours_at(slots, now=utc(2026, 7, 6, 18))
    assert state.next.start == utc(2026, 7, 13, 9)


def test_summary_is_worded_in_the_viewers_zone():
    # Monday 07:00 UTC: London (BST) opens at 08:00 UTC, 04:00 in New York, 10:00 in Paris.
    now = utc(2026, 7, 6, 7)
    new_york = office_hours_summary(
        weekdays(), now=now, zone_name="America/New_York", is_viewer_zone=True
    )
    assert not new_york.is_staffed
    assert new_york.next_period == "Mon 04:00–12:00"
    assert new_york.zone_name == "America/New_York"
    paris = office_hours_summary(weekdays(), now=now, zone_name="Europe/Paris", is_viewer_zone=True)
    assert paris.next_period == "Mon 10:00–18:00"


def test_summary_names_the_day_when_a_period_ends_on_another_day():
    slots = [Slot(FRI, time(20), time(2), "America/New_York")]
    # Friday 10 July 2026 21:00 in New York = Saturday 01:00 UTC.
    staffed = office_hours_summary(
        slots, now=utc(2026, 7, 11, 1), zone_name="America/New_York", is_viewer_zone=True
    )
    assert staffed.is_staffed and staffed.until == "Sat 02:00"
    london = office_hours_summary(
        slots, now=utc(2026, 7, 10, 12), zone_name="Europe/London", is_viewer_zone=True
    )
    assert london.next_period == "Sat 01:00–07:00"
    same_day = office_hours_summary(
        weekdays(zone="UTC"), now=utc(2026, 7, 6, 10), zone_name="UTC", is_viewer_zone=False
    )
    assert same_day.until == "17:00"


def test_time_zone_names_are_validated():
    validate_time_zone("Europe/Paris")
    for bad in ("Mars/Olympus_Mons", "", "../etc/passwd", "localtime"):
        with pytest.raises(ValidationError):
            validate_time_zone(bad)


def test_a_period_must_not_start_and_end_at_the_same_time(db):
    slot = ForumOfficeHours(
        forum=ForumFactory(), weekday=MON, start_time=time(9), end_time=time(9), time_zone="UTC"
    )
    with pytest.raises(ValidationError) as error:
        slot.full_clean()
    assert "end_time" in error.value.message_dict


# --- Pages ---------------------------------------------------------------------------------


@pytest.fixture
def staffed_forum(db):
    forum = ForumFactory(slug="staffed", office_hours="Volunteers read along.")
    for day in range(1, 6):
        ForumOfficeHours.objects.create(
            forum=forum,
            weekday=day,
            start_time=time(9),
            end_time=time(17),
            time_zone="Europe/London",
        )
    return forum


@time_machine.travel(utc(2026, 7, 4, 12), tick=False)  # Saturday: nobody on until Monday
def test_member_sees_the_next_staffed_period_in_their_own_zone(client, staffed_forum):
    client.force_login(UserFactory(timezone="Europe/Paris"))
    thread = ThreadFactory(forum=staffed_forum)
    for url in (staffed_forum.get_absolute_url(), thread.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "Next staffed: Mon 10:00–18:00" in html
        assert "your time, Europe/Paris" in html
        assert "Volunteers read along." in html


@time_machine.travel(utc(2026, 7, 6, 14), tick=False)  # Monday 15:00 in London
def test_visitor_sees_staffed_now_in_the_site_zone_and_which_zone_it_is(client, staffed_forum):
    html = client.get(staffed_forum.get_absolute_url()).content.decode()
    assert "Staffed now until 16:00" in html
    assert "times in UTC" in html


def test_forum_without_staffed_hours_or_note_shows_no_office_hours(client, db):
    forum = ForumFactory(slug="plain")
    assert "Office hours" not in client.get(forum.get_absolute_url()).content.decode()


def test_operator_adds_staffed_hours_in_the_console(client, operator, staffed_forum):
    client.force_login(operator)
    url = reverse("admin:forums_forum_change", args=[staffed_forum.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name != "members_with_access"
    }
    data.update({"section": "", "office_hours": "Volunteers read along."})
    slots = list(staffed_forum.office_hours_slots.all())
    data.update(
        {
            "office_hours_slots-TOTAL_FORMS": str(len(slots) + 1),
            "office_hours_slots-INITIAL_FORMS": str(len(slots)),
            "access_grants-TOTAL_FORMS": "0",
            "access_grants-INITIAL_FORMS": "0",
            "check_in_schedules-TOTAL_FORMS": "0",
            "check_in_schedules-INITIAL_FORMS": "0",
        }
    )
    for n, slot in enumerate(slots):
        data.update(
            {
                f"office_hours_slots-{n}-id": str(slot.pk),
                f"office_hours_slots-{n}-forum": str(staffed_forum.pk),
                f"office_hours_slots-{n}-weekday": str(slot.weekday),
                f"office_hours_slots-{n}-start_time": "09:00",
                f"office_hours_slots-{n}-end_time": "17:00",
                f"office_hours_slots-{n}-time_zone": slot.time_zone,
            }
        )
    new = len(slots)
    data.update(
        {
            f"office_hours_slots-{new}-forum": str(staffed_forum.pk),
            f"office_hours_slots-{new}-weekday": str(SAT),
            f"office_hours_slots-{new}-start_time": "22:00",
            f"office_hours_slots-{new}-end_time": "02:00",
            f"office_hours_slots-{new}-time_zone": "Mars/Olympus_Mons",
        }
    )
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "is not a time zone name" in refused.content.decode()
    assert staffed_forum.office_hours_slots.count() == 5

    data[f"office_hours_slots-{new}-time_zone"] = "America/New_York"
    saved = client.post(url, data)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    overnight = staffed_forum.office_hours_slots.get(weekday=SAT)
    assert (overnight.start_time, overnight.end_time) == (time(22), time(2))
    assert overnight.time_zone == "America/New_York"


@time_machine.travel(utc(2026, 7, 4, 12), tick=False)  # Saturday: nobody on until Monday
def test_pages_show_changed_staffed_hours_at_once_although_they_are_cached(client, staffed_forum):
    client.force_login(UserFactory(timezone="Europe/London"))
    thread = ThreadFactory(forum=staffed_forum)
    urls = (staffed_forum.get_absolute_url(), thread.get_absolute_url())
    for url in urls:
        assert "Next staffed: Mon 09:00–17:00" in client.get(url).content.decode()

    evening = ForumOfficeHours.objects.create(
        forum=staffed_forum,
        weekday=SAT,
        start_time=time(18),
        end_time=time(22),
        time_zone="Europe/London",
    )
    for url in urls:
        assert "Next staffed: Sat 18:00–22:00" in client.get(url).content.decode()

    evening.start_time = time(19)
    evening.save()
    for url in urls:
        assert "Next staffed: Sat 19:00–22:00" in client.get(url).content.decode()

    staffed_forum.office_hours_slots.all().delete()
    for url in urls:
        html = client.get(url).content.decode()
        assert "Next staffed" not in html
        assert "Volunteers read along." in html


@time_machine.travel(utc(2026, 7, 4, 12), tick=False)  # Saturday: nobody on until Monday
def test_a_change_made_in_another_process_shows_within_the_kept_time(
    client, staffed_forum, monkeypatch
):
    from types import SimpleNamespace

    from accounts.cache_keys import OFFICE_HOURS, cache_forget
    from core import cache as kept_copies
    from forums import selectors

    clock = SimpleNamespace(now=1000.0)
    monkeypatch.setattr(kept_copies, "time", SimpleNamespace(monotonic=lambda: clock.now))
    client.force_login(UserFactory(timezone="Europe/London"))
    url = staffed_forum.get_absolute_url()
    assert "Next staffed: Mon 09:00–17:00" in client.get(url).content.decode()
    # Another web process saves the periods: its signal forgets the shared cached copy, not
    # the one this process keeps.
    ForumOfficeHours.objects.filter(forum=staffed_forum).update(start_time=time(10))
    cache_forget(OFFICE_HOURS, forum_id=staffed_forum.pk)
    assert "Next staffed: Mon 09:00–17:00" in client.get(url).content.decode()
    clock.now += selectors.OFFICE_HOURS_KEPT_SECONDS + 1
    assert "Next staffed: Mon 10:00–17:00" in client.get(url).content.decode()


def test_staffed_hours_cost_the_same_whatever_their_number(client, member, staffed_forum):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(member)
    plain = ForumFactory(slug="plain")
    thread_plain, thread_staffed = ThreadFactory(forum=plain), ThreadFactory(forum=staffed_forum)
    for day in range(1, 8):
        ForumOfficeHours.objects.create(
            forum=staffed_forum, weekday=day, start_time=time(19), end_time=time(23)
        )
    counts = []
    for url in (
        plain.get_absolute_url(),
        staffed_forum.get_absolute_url(),
        thread_plain.get_absolute_url(),
        thread_staffed.get_absolute_url(),
    ):
        client.get(url)  # the first visit marks the thread read
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] and counts[2] == counts[3]
