"""When a forum is staffed: weekly periods set in a time zone, turned into real instants.

Pure functions (no database): the slots come in, the state at a given instant comes out, as
aware datetimes; a view converts them to the viewer's zone. Each period is placed on real
dates in its own zone before anything is compared, so a period keeps its local clock times
across a daylight-saving change (09:00–17:00 London is 08:00–16:00 UTC in summer), and a
period that ends at or before its start runs past midnight into the next day.
"""

import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils import dateformat
from django.utils.translation import gettext_lazy as _

# Periods are placed on the days from yesterday (an overnight period may still be running) to
# a week ahead (the next occurrence of every weekday).
_DAYS_BEHIND, _DAYS_AHEAD = 1, 8


class Slot(Protocol):
    weekday: int  # ISO: Monday is 1
    start_time: object
    end_time: object
    time_zone: str


@dataclass(frozen=True)
class StaffedSlot:
    """A `Slot`'s values, without the model (what the pages keep in the cache)."""

    weekday: int
    start_time: object
    end_time: object
    time_zone: str


@dataclass(frozen=True)
class Period:
    start: datetime
    end: datetime


@dataclass(frozen=True)
class OfficeHoursState:
    """`current` is the staffed period running now (None when nobody is on); `next` the first
    one starting later. Adjacent or overlapping periods are joined into one."""

    current: Period | None
    next: Period | None

    @property
    def is_staffed(self) -> bool:
        return self.current is not None


def validate_time_zone(value: str) -> None:
    """Raise ValidationError unless `value` is an IANA time zone name such as Europe/London."""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _("“%(value)s” is not a time zone name. Use one like Europe/London or UTC."),
            params={"value": value},
            code="invalid_time_zone",
        ) from None
    if value in ("localtime", "Factory"):
        raise ValidationError(_("Use a named time zone such as Europe/London."))


def zone_or_utc(name: str | None) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def _on_date(day: date, clock, zone) -> datetime:
    # A clock time skipped by a spring-forward change (02:30) is read with the offset from
    # before the change, so it lands just after the gap; converting to UTC normalises it.
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


def _periods_around(slots: Iterable[Slot], now: datetime) -> list[Period]:
    periods = []
    for slot in slots:
        zone = zone_or_utc(slot.time_zone)
        today = now.astimezone(zone).date()
        for offset in range(-_DAYS_BEHIND, _DAYS_AHEAD):
            day = today + timedelta(days=offset)
            if day.isoweekday() != slot.weekday:
                continue
            end_day = day + timedelta(days=1) if slot.end_time <= slot.start_time else day
            start = _on_date(day, slot.start_time, zone)
            end = _on_date(end_day, slot.end_time, zone)
            if end > start:
                periods.append(Period(start, end))
    return _joined(periods)


def _joined(periods: list[Period]) -> list[Period]:
    joined: list[Period] = []
    for period in sorted(periods, key=lambda p: p.start):
        if joined and period.start <= joined[-1].end:
            last = joined[-1]
            joined[-1] = Period(last.start, max(last.end, period.end))
        else:
            joined.append(period)
    return joined


def office_hours_at(slots: Iterable[Slot], *, now: datetime) -> OfficeHoursState | None:
    """Return whether the forum is staffed at `now` and its next staffed period (aware UTC
    datetimes), or None for a forum without staffed hours."""
    slots = list(slots)
    if not slots:
        return None
    current = following = None
    for period in _periods_around(slots, now):
        if period.start <= now < period.end:
            current = period
        elif period.start > now:
            following = period
            break
    return OfficeHoursState(current=current, next=following)


@dataclass(frozen=True)
class OfficeHoursSummary:
    """What a forum or thread header says, with times in the viewer's zone."""

    is_staffed: bool
    until: str  # "17:00", or "Tue 02:00" when the period ends on another day
    next_period: str  # "Mon 09:00–17:00", "Sat 22:00–Sun 02:00"; "" when none
    next_start: datetime | None
    zone_name: str
    is_viewer_zone: bool


def _clock(moment: datetime, *, today: date, with_day: bool = False) -> str:
    if with_day or moment.date() != today:
        return dateformat.format(moment, "D H:i")
    return dateformat.format(moment, "H:i")


def office_hours_summary(
    slots: Iterable[Slot], *, now: datetime, zone_name: str, is_viewer_zone: bool
) -> OfficeHoursSummary | None:
    """Return the staffed state at `now` worded in the zone `zone_name` (the viewer's own
    when `is_viewer_zone`, else the site's), or None for a forum without staffed hours."""
    state = office_hours_at(slots, now=now)
    if state is None:
        return None
    zone = zone_or_utc(zone_name)
    today = now.astimezone(zone).date()
    until = next_period = ""
    next_start = None
    if state.current is not None:
        until = _clock(state.current.end.astimezone(zone), today=today)
    if state.next is not None:
        start, end = state.next.start.astimezone(zone), state.next.end.astimezone(zone)
        next_start = start
        end_text = _clock(end, today=start.date())
        next_period = f"{_clock(start, today=today, with_day=True)}–{end_text}"
    return OfficeHoursSummary(
        is_staffed=state.is_staffed,
        until=until,
        next_period=next_period,
        next_start=next_start,
        zone_name=str(zone.key),
        is_viewer_zone=is_viewer_zone,
    )
