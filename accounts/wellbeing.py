"""Healthy-use reminders: continuous activity is tracked in the session (no database write per
request), and only for members who turned the pause reminder on."""

import time
import zoneinfo
from datetime import datetime
from datetime import time as clock

from django.utils import timezone

from accounts.selectors import member_is_on_break

ACTIVE_SINCE = "hearth_active_since"
LAST_ACTIVE = "hearth_last_active"
DISMISSED = "hearth_reminders_dismissed"
# This long without a request counts as a pause: the next one starts a new stretch.
PAUSE_GAP_SECONDS = 10 * 60
# The session is written at most once a minute, not on every request.
TOUCH_EVERY_SECONDS = 60
LATE_NIGHT_DISMISS_SECONDS = 8 * 60 * 60
REMINDER_KINDS = ("pause", "late_night")


def activity_track(request, *, now: float | None = None) -> None:
    """Record the member's continuous activity in their session (pause reminder on only)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.break_reminder_minutes:
        return
    now = int(now if now is not None else time.time())
    session = request.session
    last = session.get(LAST_ACTIVE)
    if last is None or now - last > PAUSE_GAP_SECONDS:
        session[ACTIVE_SINCE] = now
        session[LAST_ACTIVE] = now
    elif now - last >= TOUCH_EVERY_SECONDS:
        session[LAST_ACTIVE] = now


def _in_window(local: clock, start: clock, end: clock) -> bool:
    if start <= end:
        return start <= local < end
    return local >= start or local < end  # the window spans midnight


def _local_time(user, moment: datetime) -> clock:
    try:
        zone = zoneinfo.ZoneInfo(user.timezone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return moment.astimezone(zone).time()


def reminders_for(request, *, now: float | None = None) -> dict:
    """Return which reminders the page shows: pause, late night, on a break, and the welcome
    offer of these reminders to a new member who has not answered it yet (no query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    now = int(now if now is not None else time.time())
    session = request.session
    dismissed = session.get(DISMISSED, {})
    shown = {}
    minutes = user.break_reminder_minutes
    if minutes and ACTIVE_SINCE in session:
        since = max(session[ACTIVE_SINCE], dismissed.get("pause", 0))
        shown["pause"] = now - since >= minutes * 60
        shown["active_minutes"] = (now - session[ACTIVE_SINCE]) // 60
    if user.has_late_night_reminder:
        moment = datetime.fromtimestamp(now, tz=timezone.get_fixed_timezone(0))
        late = _in_window(_local_time(user, moment), user.late_night_start, user.late_night_end)
        shown["late_night"] = (
            late and now - dismissed.get("late_night", 0) > LATE_NIGHT_DISMISS_SECONDS
        )
    if member_is_on_break(user):
        shown["break_until"] = user.break_until
    if getattr(user, "onboarding_done_at", True) is None:
        shown["welcome"] = True
    return shown


def reminder_dismiss(request, *, kind: str, now: float | None = None) -> None:
    """Hide a reminder: the pause one for another stretch, the late-night one for the night."""
    if kind not in REMINDER_KINDS:
        return
    dismissed = dict(request.session.get(DISMISSED, {}))
    dismissed[kind] = int(now if now is not None else time.time())
    request.session[DISMISSED] = dismissed
