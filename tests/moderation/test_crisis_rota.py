"""The on-call rota: who is on call, gaps and overlaps warned (never refused), and fallback."""

from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine
from django.urls import reverse

from moderation.enums import AlertLevel, CasePriority, CaseSource, TargetKind
from moderation.models import OnCallShift
from moderation.oncall import on_call_now, rota_gaps, rota_warnings, shift_covers
from moderation.services.alerts import alert_recipients
from moderation.services.cases import case_open_or_attach
from tests.factories import UserFactory

WEDNESDAY_NOON = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)


def shift(moderator, weekday, start, end, tz="UTC"):
    return OnCallShift.objects.create(
        moderator=moderator, weekday=weekday, start_time=start, end_time=end, time_zone=tz
    )


def test_overnight_shifts_cover_past_midnight_in_the_moderators_time_zone(moderator):
    night = shift(moderator, 1, time(22, 0), time(6, 0), tz="America/New_York")  # Tue night

    # Wednesday 04:00 in New York is 09:00 UTC (winter time).
    assert shift_covers(night, datetime(2026, 3, 4, 9, 0, tzinfo=UTC))
    assert not shift_covers(night, datetime(2026, 3, 4, 12, 0, tzinfo=UTC))
    assert shift_covers(night, datetime(2026, 3, 4, 3, 30, tzinfo=UTC))  # Tue 22:30 NY


def test_on_call_now_lists_each_moderator_once(moderator, operator):
    shift(moderator, 2, time(8, 0), time(20, 0))
    shift(moderator, 2, time(11, 0), time(13, 0))
    shift(operator, 3, time(8, 0), time(20, 0))

    assert on_call_now(now=WEDNESDAY_NOON) == [moderator]


def test_a_gap_is_reported_in_plain_words(moderator, other_member):
    for weekday in range(7):
        if weekday == 6:
            shift(moderator, 6, time(0, 0), time(2, 0))
            shift(moderator, 6, time(6, 0), time(0, 0))
        else:
            shift(moderator, weekday, time(0, 0), time(12, 0))
            shift(other_member, weekday, time(12, 0), time(0, 0))

    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        gaps = rota_gaps()
        warnings = rota_warnings()

    assert [gap.describe() for gap in gaps] == ["Sunday 02:00–06:00"]
    assert "Nobody is on call on Sunday 02:00–06:00." in warnings


def test_empty_and_overlapping_shifts_are_warned_about_not_refused(moderator):
    shift(moderator, 0, time(9, 0), time(9, 0))
    shift(moderator, 1, time(9, 0), time(17, 0))
    shift(moderator, 1, time(16, 0), time(18, 0))

    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        warnings = rota_warnings()

    assert any("This shift is empty" in w for w in warnings)
    assert any("overlap" in w for w in warnings)
    assert OnCallShift.objects.count() == 3


def test_an_empty_rota_says_alerts_go_to_every_moderator(db):
    assert "Nobody is on the on-call rota" in rota_warnings()[0]


def test_the_console_rota_page_shows_gaps_and_who_is_on_call(client, operator, moderator):
    shift(moderator, 2, time(8, 0), time(20, 0))
    client.force_login(operator)

    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        response = client.get(reverse("admin:moderation_oncallshift_changelist"), follow=True)

    page = response.content.decode()
    assert "On call now: river_mod" in page
    assert "Nobody is on call on Wednesday 00:00–08:00." in page
    dashboard = client.get(reverse("admin:index")).content.decode()
    assert "Nobody is on call on" in dashboard


def test_the_console_validates_shift_time_zones(client, operator, moderator):
    client.force_login(operator)
    response = client.post(
        reverse("admin:moderation_oncallshift_add"),
        {
            "moderator": moderator.pk,
            "weekday": 0,
            "start_time": "09:00",
            "end_time": "17:00",
            "time_zone": "Mars/Olympus",
            "is_active": "on",
        },
    )
    assert "Unknown time zone" in response.content.decode()
    assert not OnCallShift.objects.exists()


@pytest.fixture
def crisis_case(member):
    return case_open_or_attach(
        target_kind=TargetKind.MEMBER,
        target=member,
        source=CaseSource.CHECK_IN,
        priority=CasePriority.CRISIS,
        member=member,
    )


def test_nobody_on_call_alerts_every_moderator_instead(global_moderator, crisis_case):
    second = UserFactory(handle="night_mod", is_staff=True)
    second.groups.add(global_moderator.groups.first())
    from moderation.models import ModeratorAssignment

    ModeratorAssignment.objects.create(moderator=second, forum=None)

    recipients = alert_recipients(crisis_case, AlertLevel.ON_CALL)

    assert sorted(recipients) == sorted([global_moderator.email, second.email])


def test_forum_moderators_are_not_paged_for_cases_they_cannot_open(
    global_moderator, other_forum, crisis_case
):
    from django.contrib.auth.models import Group

    from moderation.models import ModeratorAssignment

    scoped = UserFactory(handle="adhd_mod", is_staff=True)
    scoped.groups.add(Group.objects.get(name="Moderators"))
    ModeratorAssignment.objects.create(moderator=scoped, forum=other_forum)
    shift(scoped, 2, time(0, 0), time(23, 59))

    with time_machine.travel(WEDNESDAY_NOON + timedelta(minutes=1), tick=False):
        recipients = alert_recipients(crisis_case, AlertLevel.ON_CALL)

    assert recipients == [global_moderator.email]
