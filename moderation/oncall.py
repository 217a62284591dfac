"""The on-call rota: who is on call at a moment, and where the coming week has gaps.

Shifts are weekly ranges in each moderator's own time zone, so coverage is computed on real
dates (daylight-saving changes included), never on a fixed UTC grid.
"""

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from moderation.models import OnCallShift

WEEK = 7


@dataclass(frozen=True)
class Gap:
    starts_at: datetime
    ends_at: datetime

    def describe(self) -> str:
        """“Sunday 02:00–06:00”, or “Sunday 22:00 – Monday 06:00”, in the current time zone."""
        start = timezone.localtime(self.starts_at)
        end = timezone.localtime(self.ends_at)
        day = date_format(start, "l")
        if end.date() == start.date() or (end.time() == time(0) and end - start <= timedelta(1)):
            end_label = "24:00" if end.date() != start.date() else end.strftime("%H:%M")
            return _("%(day)s %(start)s–%(end)s") % {
                "day": day,
                "start": start.strftime("%H:%M"),
                "end": end_label,
            }
        return _("%(day)s %(start)s – %(end_day)s %(end)s") % {
            "day": day,
            "start": start.strftime("%H:%M"),
            "end_day": date_format(end, "l"),
            "end": end.strftime("%H:%M"),
        }


def active_shifts() -> QuerySet[OnCallShift]:
    return OnCallShift.objects.filter(is_active=True, moderator__is_active=True).select_related(
        "moderator"
    )


def _zone(shift: OnCallShift):
    try:
        return zoneinfo.ZoneInfo(shift.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return UTC


def shift_covers(shift: OnCallShift, moment: datetime) -> bool:
    """Whether `shift` covers `moment` (an aware datetime)."""
    if shift.is_empty:
        return False
    local = moment.astimezone(_zone(shift))
    now_time, weekday = local.time(), local.weekday()
    if shift.start_time < shift.end_time:
        return weekday == shift.weekday and shift.start_time <= now_time < shift.end_time
    # Past midnight: from the start on its day until the end on the next day.
    return (weekday == shift.weekday and now_time >= shift.start_time) or (
        weekday == (shift.weekday + 1) % WEEK and now_time < shift.end_time
    )


def on_call_now(*, now: datetime | None = None) -> list:
    """The staff members on call right now (each once), from the active shifts."""
    now = now or timezone.now()
    seen, result = set(), []
    for shift in active_shifts():
        if shift.moderator_id not in seen and shift_covers(shift, now):
            seen.add(shift.moderator_id)
            result.append(shift.moderator)
    return result


def _intervals(shift: OnCallShift, first_day: date, days: int) -> list[tuple[datetime, datetime]]:
    if shift.is_empty:
        return []
    zone = _zone(shift)
    intervals = []
    # One day early: an overnight shift of the day before reaches into the window.
    for offset in range(-1, days + 1):
        day = first_day + timedelta(days=offset)
        if day.weekday() != shift.weekday:
            continue
        end_day = day if shift.start_time < shift.end_time else day + timedelta(days=1)
        start = datetime.combine(day, shift.start_time, tzinfo=zone).astimezone(UTC)
        end = datetime.combine(end_day, shift.end_time, tzinfo=zone).astimezone(UTC)
        intervals.append((start, end))
    return intervals


def rota_gaps(*, now: datetime | None = None, shifts=None) -> list[Gap]:
    """Times in the coming week (from today's midnight, current time zone) nobody is on call."""
    now = now or timezone.now()
    window_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    window_start = window_start.astimezone(UTC)
    window_end = window_start + timedelta(days=WEEK)
    first_day = timezone.localtime(now).date()
    covered = sorted(
        interval
        for shift in (active_shifts() if shifts is None else shifts)
        for interval in _intervals(shift, first_day, WEEK)
    )
    gaps, cursor = [], window_start
    for start, end in covered:
        if end <= cursor:
            continue
        if start > cursor:
            gaps.append(Gap(cursor, min(start, window_end)))
        cursor = max(cursor, end)
        if cursor >= window_end:
            break
    if cursor < window_end:
        gaps.append(Gap(cursor, window_end))
    return [gap for gap in gaps if gap.ends_at > gap.starts_at and gap.starts_at < window_end]


def rota_warnings(*, now: datetime | None = None) -> list[str]:
    """Plain-language warnings about the rota: gaps, empty shifts, a moderator booked twice."""
    shifts = list(active_shifts())
    if not shifts:
        return [
            _(
                "Nobody is on the on-call rota: crisis alerts go to every moderator until "
                "shifts are added."
            )
        ]
    warnings = [
        _("Nobody is on call on %(when)s.") % {"when": gap.describe()}
        for gap in rota_gaps(now=now, shifts=shifts)
    ]
    warnings += [
        _("This shift is empty (it starts when it ends): %(shift)s.") % {"shift": shift}
        for shift in shifts
        if shift.is_empty
    ]
    warnings += _overlaps(shifts, now=now)
    return warnings


def _overlaps(shifts: list[OnCallShift], *, now: datetime | None) -> list[str]:
    first_day = timezone.localtime(now or timezone.now()).date()
    found = []
    for index, shift in enumerate(shifts):
        for other in shifts[index + 1 :]:
            if other.moderator_id != shift.moderator_id:
                continue  # Two moderators at once is welcome redundancy.
            mine = _intervals(shift, first_day, WEEK)
            theirs = _intervals(other, first_day, WEEK)
            if any(a < d and c < b for a, b in mine for c, d in theirs):
                found.append(
                    _("These shifts of the same moderator overlap: %(a)s and %(b)s.")
                    % {"a": shift, "b": other}
                )
    return found
