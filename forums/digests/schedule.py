"""When a member's digest is due: pure functions of their preferences, time zone and `now`.

Slots are computed from the member's local calendar date and hour each time, never by adding
24 hours, so a DST change cannot shift or repeat them: a local hour that does not exist that
day (spring forward) falls on the first instant after the gap, a repeated one (fall back)
counts once, because the period key is the local date (daily) or ISO week (weekly).
Aware datetimes are compared in UTC: Python ignores `fold` when both share a tzinfo.
"""

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from accounts.enums import DigestFrequency

MAX_DAYS_BACK = 8


@dataclass(frozen=True)
class Slot:
    """A scheduled digest: when (UTC) and the period it belongs to."""

    at: datetime
    period_key: str


@dataclass(frozen=True)
class QuietHours:
    start: time
    end: time

    def contains(self, local: time) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end  # the window crosses midnight


def member_zone(name: str) -> zoneinfo.ZoneInfo:
    """Return the member's time zone, or UTC if the stored name is unknown."""
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def local_instant(day: date, at: time, tz: zoneinfo.ZoneInfo) -> datetime:
    """Return `day` at local time `at` in `tz`, as UTC (fold=0: the first of a repeated hour)."""
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def period_key(frequency: str, day: date) -> str:
    if frequency == DigestFrequency.WEEKLY:
        year, week, _ = day.isocalendar()
        return f"w{year}-{week:02d}"
    return f"d{day.isoformat()}"


def _is_slot_day(frequency: str, weekday: int, day: date) -> bool:
    return frequency == DigestFrequency.DAILY or day.isoweekday() == weekday


def latest_slot(
    *, frequency: str, hour: int, weekday: int, tz: zoneinfo.ZoneInfo, now: datetime
) -> Slot | None:
    """Return the latest slot at or before `now`, or None if the member wants no digest."""
    if frequency not in (DigestFrequency.DAILY, DigestFrequency.WEEKLY):
        return None
    today = now.astimezone(tz).date()
    for back in range(MAX_DAYS_BACK + 1):
        day = today - timedelta(days=back)
        at = local_instant(day, time(hour), tz)
        if _is_slot_day(frequency, weekday, day) and at <= now:
            return Slot(at=at, period_key=period_key(frequency, day))
    return None


def next_slot(
    *, frequency: str, hour: int, weekday: int, tz: zoneinfo.ZoneInfo, now: datetime
) -> Slot | None:
    """Return the first slot strictly after `now`, or None if the member wants no digest."""
    if frequency not in (DigestFrequency.DAILY, DigestFrequency.WEEKLY):
        return None
    today = now.astimezone(tz).date()
    for ahead in range(MAX_DAYS_BACK + 1):
        day = today + timedelta(days=ahead)
        at = local_instant(day, time(hour), tz)
        if _is_slot_day(frequency, weekday, day) and at > now:
            return Slot(at=at, period_key=period_key(frequency, day))
    return None


def quiet_hours_end(quiet: QuietHours, tz: zoneinfo.ZoneInfo, now: datetime) -> datetime:
    """Return the first instant after `now` at which the quiet window ends (UTC)."""
    today = now.astimezone(tz).date()
    for ahead in range(3):
        at = local_instant(today + timedelta(days=ahead), quiet.end, tz)
        if at > now:
            return at
    return now  # unreachable for a window shorter than a day


def is_quiet(quiet: QuietHours | None, tz: zoneinfo.ZoneInfo, now: datetime) -> bool:
    return quiet is not None and quiet.contains(now.astimezone(tz).time())


@dataclass(frozen=True)
class Decision:
    """Whether a digest is due now (`slot`), and when to look again (`check_at`, UTC)."""

    slot: Slot | None
    check_at: datetime | None


def digest_decision(
    *,
    frequency: str,
    hour: int,
    weekday: int,
    tz: zoneinfo.ZoneInfo,
    quiet: QuietHours | None,
    last_period: str,
    handled_at: datetime | None,
    now: datetime,
) -> Decision:
    """Decide whether the digest is due at `now`: its local hour has come, it is outside quiet
    hours and this period's digest has not been handled. Otherwise say when to look again.

    `handled_at` is when the last slot was dealt with (sent, empty, or the preferences were
    created or changed): only a slot after it counts, so a change takes effect from the next.
    """
    latest = latest_slot(frequency=frequency, hour=hour, weekday=weekday, tz=tz, now=now)
    upcoming = next_slot(frequency=frequency, hour=hour, weekday=weekday, tz=tz, now=now)
    if upcoming is None:
        return Decision(slot=None, check_at=None)
    if (
        latest is None
        or latest.period_key == last_period
        or (handled_at is not None and latest.at <= handled_at)
    ):
        return Decision(slot=None, check_at=upcoming.at)
    if is_quiet(quiet, tz, now):
        return Decision(slot=None, check_at=min(quiet_hours_end(quiet, tz, now), upcoming.at))
    return Decision(slot=latest, check_at=upcoming.at)
