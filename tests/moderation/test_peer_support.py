"""Peer supporters (granted in the console, a quiet badge, their page, asking a moderator to
check in on someone, no moderation powers) and care for moderators (content notes, crisis
cases handled today, the break offer that hands claims back, the team's exposure)."""

import time
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from accounts.models import PeerSupporter
from accounts.services.peer import peer_supporter_grant
from moderation import services
from moderation.enums import (
    ActionKind,
    CasePriority,
    CaseSource,
    CaseState,
    ReportReason,
    TargetKind,
)
from moderation.models import Case, ModerationAction, SiteSettings
from moderation.selectors import crisis_exposure_by_day, moderator_care_for
from tests.factories import PostFactory, ThreadFactory, UserFactory

CRISIS_WORDS = "CANARY I have the pills ready and I am going to take them all tonight."


@pytest.fixture
def supporter(db):
    user = UserFactory(handle="kind_willow", trust_level="member")
    peer_supporter_grant(user=user, trained_on=date(2026, 3, 14), acting_user=None)
    return user


@pytest.fixture
def worried_about(db):
    return UserFactory(handle="far_away", trust_level="member")


# --- Peer supporters ----------------------------------------------------------------------------


def test_operators_grant_the_role_in_the_console_with_the_training_date(client, operator, member):
    client.force_login(operator)
    response = client.post(
        reverse("admin:accounts_peersupporter_add"), {"user": member.pk, "trained_on": "2026-05-02"}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    supporter = PeerSupporter.objects.get(user=member)
    assert supporter.trained_on == date(2026, 5, 2)
    assert supporter.granted_by == operator


def test_moderators_cannot_grant_the_role(client, global_moderator):
    client.force_login(global_moderator)
    assert client.get(reverse("admin:accounts_peersupporter_add")).status_code == 403


def test_a_quiet_badge_shows_beside_the_handle(client, forum, supporter, member):
    thread = ThreadFactory(forum=forum, author=member, title="Rough day")
    PostFactory(thread=thread, author=supporter, body="That sounds so tiring.")
    page = client.get(thread.get_absolute_url()).content.decode()
    assert page.count('class="supporter-badge"') == 1
    assert "peer supporter" in page
    profile = client.get(reverse("accounts:profile", args=[supporter.handle])).content.decode()
    assert "supporter-badge" in profile


def test_the_badge_goes_when_the_role_is_revoked(client, forum, supporter, member):
    from accounts.services.peer import peer_supporter_revoke

    thread = ThreadFactory(forum=forum, author=supporter, title="Hello")
    assert "supporter-badge" in client.get(thread.get_absolute_url()).content.decode()
    peer_supporter_revoke(user=supporter)
    assert "supporter-badge" not in client.get(thread.get_absolute_url()).content.decode()


def test_the_supporter_page_is_404_for_other_members(client, member):
    client.force_login(member)
    assert client.get(reverse("forums:supporters")).status_code == 404


def test_the_supporter_page_has_guidance_and_the_waiting_list(client, supporter):
    client.force_login(supporter)
    page = client.get(reverse("forums:supporters")).content.decode()
    for words in ("Validate.", "Don’t diagnose.", "Signpost.", "Waiting for a reply"):
        assert words in page


def test_a_supporter_asks_a_moderator_to_check_in_on_someone(client, supporter, worried_about):
    client.force_login(supporter)
    response = client.post(
        reverse("forums:supporters"),
        {"handle": worried_about.handle, "note": "They said goodbye in a thread."},
    )
    assert response.status_code == 302
    case = Case.objects.get(member=worried_about, target_kind=TargetKind.MEMBER)
    assert (case.source, case.priority, case.state) == (
        CaseSource.CHECK_IN, CasePriority.HIGH, CaseState.OPEN,
    )  # fmt: skip
    entry = ModerationAction.objects.get(case=case, kind=ActionKind.CHECK_IN_REQUEST)
    assert entry.actor == supporter and entry.reason == "They said goodbye in a thread."
    page = client.get(reverse("forums:supporters")).content.decode()
    assert worried_about.handle in page and "Waiting for a moderator" in page
    # Pressing again within the hour joins the same case without a second entry.
    client.post(reverse("forums:supporters"), {"handle": worried_about.handle})
    assert ModerationAction.objects.filter(kind=ActionKind.CHECK_IN_REQUEST).count() == 1


def test_an_unknown_handle_is_refused_with_the_note_kept(client, supporter):
    client.force_login(supporter)
    response = client.post(
        reverse("forums:supporters"), {"handle": "nobody_here", "note": "KEEP-THIS-NOTE"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "No member is called" in page and "KEEP-THIS-NOTE" in page
    assert not Case.objects.exists()


def test_the_member_is_not_told_who_asked(client, supporter, worried_about, global_moderator):
    services.check_in_request_for_member(supporter=supporter, member=worried_about, note="")
    client.force_login(worried_about)
    for url in ("/", reverse("forums:notifications")):
        assert supporter.handle not in client.get(url).content.decode()


def test_supporters_have_no_moderation_powers(client, supporter, worried_about):
    with pytest.raises(PermissionDenied):
        services.check_in_request_for_member(supporter=worried_about, member=supporter)
    client.force_login(supporter)
    assert client.get("/console/").status_code == 302  # to the login, as for any member
    case = services.check_in_request_for_member(supporter=supporter, member=worried_about)
    with pytest.raises(Http404):
        services.case_claim(case=case, acting_user=supporter)


# --- Care for moderators ------------------------------------------------------------------------


@pytest.fixture
def crisis_case(post, member):
    return services.report_create(
        reporter=member, target_kind=TargetKind.POST, target=post, reason=ReportReason.AT_RISK
    ).case


def test_crisis_content_is_collapsed_behind_a_content_note(client, crisis_case, global_moderator):
    client.force_login(global_moderator)
    page = client.get(reverse("admin:moderation_case_change", args=[crisis_case.pk]))
    html = page.content.decode()
    note = html.index('<details class="content-note">')
    assert note < html.index("You are not alone in this.")  # the post's text, inside it
    assert "Content note" in html
    queue = client.get(reverse("admin:moderation_case_changelist")).content.decode()
    assert "You are not alone in this." not in queue
    assert "Content note: crisis" in queue


def test_ordinary_cases_are_not_collapsed(client, post, member, global_moderator):
    case = services.report_create(
        reporter=member, target_kind=TargetKind.POST, target=post, reason=ReportReason.SPAM
    ).case
    client.force_login(global_moderator)
    html = client.get(reverse("admin:moderation_case_change", args=[case.pk])).content.decode()
    assert 'class="content-note"' not in html


def test_screened_crisis_language_and_its_evidence_are_collapsed(client, thread, global_moderator):
    post = PostFactory(thread=thread, body=CRISIS_WORDS)
    services.post_screen(post_id=post.pk, revision=post.revision)
    case = Case.objects.get(evidence__post=post)
    client.force_login(global_moderator)
    html = client.get(reverse("admin:moderation_case_change", args=[case.pk])).content.decode()
    assert html.index('<details class="content-note">') < html.index("CANARY")
    evidence = html.split('id="case-screening-heading"')[1]
    assert evidence.index('<details class="content-note">') < evidence.index("<mark>")


def _crisis_cases(count, forum, author):
    reporter = UserFactory()
    cases = []
    for n in range(count):
        thread = ThreadFactory(forum=forum, author=author, title=f"Heavy {n}")
        opening = thread.posts.get(position=1)
        cases.append(
            services.report_create(
                reporter=reporter, target_kind=TargetKind.POST, target=opening,
                reason=ReportReason.AT_RISK,
            ).case
        )  # fmt: skip
    return cases


def test_moderators_see_their_crisis_count_and_a_break_past_the_limit(
    client, forum, member, global_moderator
):
    site = SiteSettings.load()
    site.crisis_cases_before_break = 3
    site.save()
    cases = _crisis_cases(3, forum, member)
    for case in cases[:2]:
        services.case_claim(case=case, acting_user=global_moderator)
    client.force_login(global_moderator)
    page = client.get("/console/").content.decode()
    assert "You have handled 2 crisis cases today." in page
    assert "consider taking a break" not in page

    services.case_claim(case=cases[2], acting_user=global_moderator)
    page = client.get("/console/").content.decode()
    assert "You have handled 3 crisis cases today." in page
    assert "consider taking a break" in page
    assert "Hand my claims back to the queue" in page

    response = client.post(reverse("admin:hand_back_claims"))
    assert response.status_code == 302
    for case in cases:
        case.refresh_from_db()
        assert (case.state, case.claimed_by) == (CaseState.OPEN, None)
    entries = ModerationAction.objects.filter(kind=ActionKind.RELEASE_CLAIM)
    assert sorted(entries.values_list("case_id", flat=True)) == sorted(c.pk for c in cases)
    assert all(entry.actor == global_moderator for entry in entries)


def test_yesterdays_cases_do_not_count_today(forum, member, global_moderator, time_machine):
    time_machine.move_to(timezone.now() - timedelta(days=1), tick=False)
    (case,) = _crisis_cases(1, forum, member)
    services.case_claim(case=case, acting_user=global_moderator)
    time_machine.move_to(timezone.now() + timedelta(days=1), tick=False)
    assert moderator_care_for(global_moderator)["crisis_today"] == 0


def test_operators_see_exposure_per_day_without_names(
    client, forum, member, global_moderator, operator
):
    cases = _crisis_cases(2, forum, member)
    services.case_claim(case=cases[0], acting_user=global_moderator)
    services.case_claim(case=cases[1], acting_user=operator)
    today = crisis_exposure_by_day()[0]
    assert (today["cases"], today["moderators"], today["average"]) == (2, 2, 1.0)
    client.force_login(operator)
    page = client.get("/console/").content.decode()
    table = page.split('class="care-exposure"')[1].split("</table>")[0]
    assert global_moderator.handle not in table and operator.handle not in table
    client.force_login(global_moderator)
    assert 'class="care-exposure"' not in client.get("/console/").content.decode()


def test_check_in_requests_are_rate_limited_with_the_note_kept(client, supporter):
    client.force_login(supporter)
    for n in range(10):
        worried = UserFactory(handle=f"worried_{n}")
        assert (
            client.post(reverse("forums:supporters"), {"handle": worried.handle}).status_code == 302
        )
    last = UserFactory(handle="one_more")
    response = client.post(
        reverse("forums:supporters"), {"handle": last.handle, "note": "KEEP-THIS-NOTE"}
    )
    assert response.status_code == 200
    assert "KEEP-THIS-NOTE" in response.content.decode()
    assert not Case.objects.filter(member=last).exists()


def test_the_case_page_also_suggests_a_break_past_the_limit(
    client, forum, member, global_moderator
):
    site = SiteSettings.load()
    site.crisis_cases_before_break = 1
    site.save()
    (case,) = _crisis_cases(1, forum, member)
    client.force_login(global_moderator)
    url = reverse("admin:moderation_case_change", args=[case.pk])
    assert "consider a break" not in client.get(url).content.decode()
    services.case_claim(case=case, acting_user=global_moderator)
    assert "consider a break" in client.get(url).content.decode()


def test_a_supporter_can_ask_for_a_check_in_from_the_post(client, forum, supporter, worried_about):
    thread = ThreadFactory(forum=forum, author=worried_about, title="Goodbye for now")
    client.force_login(supporter)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert f"/supporters/?handle={worried_about.handle}#check-in-heading" in page
    form = client.get(f"/supporters/?handle={worried_about.handle}").content.decode()
    assert f'value="{worried_about.handle}"' in form
    # Other members do not see the link.
    client.force_login(UserFactory(handle="plain_member"))
    assert "/supporters/?handle=" not in client.get(thread.get_absolute_url()).content.decode()


def _cache_calls(monkeypatch) -> list[str]:
    """Record every call made on the cache backend from now on."""
    from django.core.cache import caches

    backend = caches["default"]
    calls: list[str] = []
    for name in ("get", "get_many", "set", "set_many", "add", "delete", "delete_many", "incr"):
        method = getattr(backend, name)

        def recording(*args, _name=name, _method=method, **kwargs):
            calls.append(_name)
            return _method(*args, **kwargs)

        monkeypatch.setattr(backend, name, recording)
    return calls


def test_a_visitors_thread_page_shows_badges_without_a_cache_call(
    client, forum, supporter, member, monkeypatch
):
    thread = ThreadFactory(forum=forum, author=member, title="Rough day")
    PostFactory(thread=thread, author=supporter, body="That sounds so tiring.")
    assert "supporter-badge" in client.get(thread.get_absolute_url()).content.decode()
    calls = _cache_calls(monkeypatch)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert page.count('class="supporter-badge"') == 1
    assert calls == []


def test_a_role_revoked_elsewhere_stops_the_check_in_link_at_once_and_the_badge_soon(
    client, forum, supporter, worried_about, monkeypatch
):
    """Another process revoked the role: this one's kept badges may lag, never the permission."""
    from accounts import selectors as account_selectors
    from accounts.cache_keys import PEER_SUPPORTER_IDS, cache_forget
    from core import cache as kept_copies

    thread = ThreadFactory(forum=forum, author=worried_about, title="Goodbye for now")
    PostFactory(thread=thread, author=supporter, body="I am here if you want to talk.")
    client.force_login(supporter)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "supporter-badge" in page and "#check-in-heading" in page
    # What peer_supporter_revoke does in another process: the row and the shared cache.
    PeerSupporter.objects.filter(user=supporter).delete()
    cache_forget(PEER_SUPPORTER_IDS)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "#check-in-heading" not in page
    assert "supporter-badge" in page  # this process's copy, for at most the kept seconds
    later = time.monotonic() + account_selectors.PEER_SUPPORTER_BADGES_KEPT_SECONDS + 1
    monkeypatch.setattr(kept_copies, "time", SimpleNamespace(monotonic=lambda: later))
    assert "supporter-badge" not in client.get(thread.get_absolute_url()).content.decode()
