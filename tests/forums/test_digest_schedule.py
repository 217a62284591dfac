"""When digests are due: local hours in any time zone, across DST changes, and quiet hours."""

from datetime import UTC, datetime, time, timedelta

import pytest

from accounts.enums import DigestFrequency
from forums.digests.schedule import (
    QuietHours,
    digest_decision,
    is_quiet,
    latest_slot,
    member_zone,
    next_slot,
    quiet_hours_end,
)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def _simulate(*, zone: str, hour: int, start: datetime, days: int, frequency="daily", quiet=None):
    """Run the due check every 15 minutes like the beat; return the UTC times it sent."""
    tz = member_zone(zone)
    sent, last_period, handled_at = [], "", start
    now = start
    while now < start + timedelta(days=days):
        decision = digest_decision(
            frequency=frequency,
            hour=hour,
            weekday=1,
            tz=tz,
            quiet=quiet,
            last_period=last_period,
            handled_at=handled_at,
            now=now,
        )
        if decision.slot is not None:
            sent.append(now)
            last_period, handled_at = decision.slot.period_key, now
        now += timedelta(minutes=15)
    return sent


@pytest.mark.parametrize(
    ("zone", "expected_utc_hour"),
    [("UTC", 8), ("Europe/London", 7), ("America/New_York", 12), ("Asia/Tokyo", 23)],
)
def test_the_digest_is_due_at_the_local_hour_in_each_zone(zone, expected_utc_hour):
    # 1 July 2026: London is on BST (UTC+1), New York on EDT (UTC-4), Tokyo UTC+9.
    sent = _simulate(zone=zone, hour=8, start=utc(2026, 7, 1, 0, 0), days=3)
    assert len(sent) == 3
    assert {moment.hour for moment in sent} == {expected_utc_hour}
    assert all(moment.astimezone(member_zone(zone)).hour == 8 for moment in sent)


def test_half_hour_zones_are_served_by_quarter_hour_runs():
    sent = _simulate(zone="Asia/Kolkata", hour=8, start=utc(2026, 7, 1), days=2)
    assert [(m.hour, m.minute) for m in sent] == [(2, 30), (2, 30)]


@pytest.mark.parametrize(
    ("zone", "start"),
    [
        ("Europe/London", utc(2026, 3, 26)),  # spring forward: Sunday 29 March, 01:00 → 02:00
        ("Europe/London", utc(2026, 10, 22)),  # fall back: Sunday 25 October, 02:00 → 01:00
        ("America/New_York", utc(2026, 3, 5)),  # 8 March
        ("America/New_York", utc(2026, 10, 29)),  # 1 November
        ("Australia/Sydney", utc(2026, 4, 1)),  # 5 April, southern hemisphere
        ("Australia/Sydney", utc(2026, 10, 1)),  # 4 October
    ],
)
@pytest.mark.parametrize("hour", [1, 2, 8, 23])
def test_exactly_one_daily_digest_per_local_day_across_dst(zone, start, hour):
    tz = member_zone(zone)
    sent = _simulate(zone=zone, hour=hour, start=start, days=7)
    local_days = [moment.astimezone(tz).date() for moment in sent]
    assert len(local_days) == len(set(local_days)), "a day got two digests"
    first, last = local_days[0], local_days[-1]
    assert (last - first).days + 1 == len(local_days), "a day got no digest"
    assert len(sent) >= 6
    for moment in sent:
        local = moment.astimezone(tz)
        # At the hour; on a spring-forward day a missing hour falls on the first instant after.
        assert local.hour in (hour, hour + 1)
        assert local.minute < 15


def test_the_repeated_hour_of_a_fall_back_night_sends_once():
    tz = member_zone("Europe/London")
    sent = _simulate(zone="Europe/London", hour=1, start=utc(2026, 10, 24, 12), days=1)
    assert sent == [utc(2026, 10, 25, 0, 0)]  # 01:00 BST; 01:00 GMT an hour later is skipped
    assert sent[0].astimezone(tz).hour == 1


def test_a_missing_hour_on_a_spring_forward_night_still_sends():
    sent = _simulate(zone="Europe/London", hour=1, start=utc(2026, 3, 28, 12), days=1)
    assert sent == [utc(2026, 3, 29, 1, 0)]  # 01:00 does not exist: sent at 02:00 BST


def test_weekly_digests_come_once_a_week_on_the_chosen_day():
    sent = _simulate(
        zone="America/New_York", hour=8, start=utc(2026, 10, 20), days=28, frequency="weekly"
    )
    assert len(sent) == 4
    tz = member_zone("America/New_York")
    assert {moment.astimezone(tz).isoweekday() for moment in sent} == {1}
    assert {moment.astimezone(tz).hour for moment in sent} == {8}  # also after 1 November


def test_quiet_hours_hold_the_digest_until_they_end():
    quiet = QuietHours(start=time(22, 0), end=time(9, 30))
    sent = _simulate(zone="Europe/Berlin", hour=7, start=utc(2026, 7, 1), days=3, quiet=quiet)
    tz = member_zone("Europe/Berlin")
    assert [moment.astimezone(tz).time() for moment in sent] == [time(9, 30)] * 3


def test_quiet_hours_within_a_day_and_across_midnight():
    tz = member_zone("UTC")
    overnight = QuietHours(start=time(22, 0), end=time(7, 0))
    assert is_quiet(overnight, tz, utc(2026, 7, 1, 23, 0))
    assert is_quiet(overnight, tz, utc(2026, 7, 1, 3, 0))
    assert not is_quiet(overnight, tz, utc(2026, 7, 1, 7, 0))
    assert not is_quiet(overnight, tz, utc(2026, 7, 1, 12, 0))
    afternoon = QuietHours(start=time(13, 0), end=time(15, 0))
    assert is_quiet(afternoon, tz, utc(2026, 7, 1, 14, 0))
    assert not is_quiet(afternoon, tz, utc(2026, 7, 1, 16, 0))
    assert not is_quiet(None, tz, utc(2026, 7, 1, 3, 0))
    assert quiet_hours_end(overnight, tz, utc(2026, 7, 1, 23, 0)) == utc(2026, 7, 2, 7, 0)


def test_a_changed_schedule_starts_at_its_next_slot():
    tz = member_zone("UTC")
    now = utc(2026, 7, 1, 12, 0)
    decision = digest_decision(
        frequency=DigestFrequency.DAILY,
        hour=8,
        weekday=1,
        tz=tz,
        quiet=None,
        last_period="",
        handled_at=utc(2026, 7, 1, 11, 0),  # preferences saved at 11:00
        now=now,
    )
    assert decision.slot is None
    assert decision.check_at == utc(2026, 7, 2, 8, 0)


def test_never_means_no_slot():
    tz = member_zone("UTC")
    now = utc(2026, 7, 1)
    assert latest_slot(frequency="never", hour=8, weekday=1, tz=tz, now=now) is None
    assert next_slot(frequency="never", hour=8, weekday=1, tz=tz, now=now) is None


def test_an_unknown_zone_falls_back_to_utc():
    assert member_zone("Mars/Olympus_Mons").key == "UTC"
