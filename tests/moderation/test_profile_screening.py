"""Profile text (about me, pronouns) is screened like posts: a precheck at save, a full pass by a
worker after commit, and the verdict applied to the member's profile and a case about them."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from accounts.enums import FieldVisibility
from accounts.models import Profile
from moderation import services, tasks
from moderation.enums import (
    ActionKind,
    CaseOutcome,
    CasePriority,
    CaseSource,
    CaseState,
    ScreeningVerdict,
    TargetKind,
)
from moderation.models import Case, ModerationAction, ScreeningResult, WatchedWord
from moderation.services.errors import ProfileNeedsConfirmation, ProfileTextRefused
from moderation.services.profile_screening import (
    profile_screen,
    profile_screening_failed,
    profiles_awaiting_screening,
)

CRISIS_TEXT = "I have the pills ready and I am going to take them all tonight. Goodbye everyone."
EMAIL_TEXT = "Write to me at sam.private@example.org if you want to talk."
SETTINGS_URL = "/settings/profile/"


def form_data(**values):
    return {
        "about_me": "",
        "about_me_visibility": "members",
        "pronouns": "",
        "pronouns_visibility": "members",
        "country": "",
        "country_visibility": "only_me",
        "age_range": "",
        "age_range_visibility": "only_me",
        "experiences_visibility": "only_me",
        "last_seen_visibility": "only_me",
        "posts_visibility": "only_me",
        **values,
    }


def save(member, **values) -> Profile:
    return account_services.profile_update(
        user=member,
        values={"about_me_visibility": FieldVisibility.MEMBERS, **values},
        confirmed_personal_info=True,
    )


def screen(profile) -> ScreeningResult | None:
    profile.refresh_from_db()
    return profile_screen(profile_id=profile.pk, revision=profile.text_revision)


def profile_page(client, member, viewer) -> str:
    client.force_login(viewer)
    url = reverse("accounts:profile", kwargs={"handle": member.handle})
    return client.get(url).content.decode()


# --- Enqueuing ----------------------------------------------------------------------------------


def test_changed_profile_text_is_enqueued_for_screening_after_commit_with_ids_only(
    member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        profile = save(member, about_me="I knit and walk the dog.")

    queued = [c for c in callbacks if getattr(c, "task_name", "") == "moderation.screen_profile"]
    assert len(queued) == 1
    assert queued[0].task_args == (profile.pk, 1)


def test_saving_only_audiences_does_not_screen_again(member, django_capture_on_commit_callbacks):
    save(member, about_me="I knit.")
    with django_capture_on_commit_callbacks() as callbacks:
        profile = save(member, about_me="I knit.", pronouns_visibility=FieldVisibility.MEMBERS)

    assert profile.text_revision == 1
    assert not [c for c in callbacks if getattr(c, "task_name", "") == "moderation.screen_profile"]


def test_the_task_screens_the_profile(member):
    profile = save(member, about_me="Gardening keeps me steady.")

    tasks.screen_profile(profile.pk, profile.text_revision)

    result = ScreeningResult.objects.get(profile=profile)
    assert result.verdict == ScreeningVerdict.ALLOW
    assert result.revision == 1
    assert "crisis" in result.screener_versions
    assert not Case.objects.exists()


# --- Precheck at save ---------------------------------------------------------------------------


def test_a_blocked_word_in_profile_text_is_refused_and_nothing_is_saved(member):
    WatchedWord.objects.create(pattern="buy followers", kind="phrase", action="block")
    with pytest.raises(ProfileTextRefused):
        save(member, pronouns="buy followers")
    assert not Profile.objects.filter(user=member, pronouns="buy followers").exists()


def test_settings_page_refuses_a_blocked_word_and_keeps_the_text(member_client, member):
    WatchedWord.objects.create(pattern="scamcoin", action="block")
    text = "Ask me about scamcoin, it changed my life."

    response = member_client.post(SETTINGS_URL, form_data(about_me=text))

    assert response.status_code == 200
    page = response.content.decode()
    assert "can’t be saved as written" in page
    assert text in page
    assert not Profile.objects.filter(user=member, about_me=text).exists()


def test_forum_specific_watched_words_do_not_apply_to_profiles(member, forum):
    WatchedWord.objects.create(pattern="calories", action="block", forum=forum)
    profile = save(member, about_me="I stopped counting calories last year.")
    assert profile.about_me == "I stopped counting calories last year."


def test_an_email_in_about_me_asks_to_confirm_first_keeping_the_text(member_client, member):
    first = member_client.post(SETTINGS_URL, form_data(about_me=EMAIL_TEXT))

    page = first.content.decode()
    assert first.status_code == 200
    assert "looks like it contains an email address" in page
    assert 'type="checkbox" name="confirm_personal_info"' in page
    assert "sam.private@example.org" in page
    assert not Profile.objects.filter(user=member, about_me=EMAIL_TEXT).exists()

    second = member_client.post(
        SETTINGS_URL, form_data(about_me=EMAIL_TEXT, confirm_personal_info="on")
    )
    assert second.status_code == 302
    assert Profile.objects.get(user=member).about_me == EMAIL_TEXT


def test_unchanged_contact_details_are_not_asked_about_again(member):
    save(member, about_me=EMAIL_TEXT)
    profile = account_services.profile_update(
        user=member, values={"about_me": EMAIL_TEXT, "pronouns": "she/her"}
    )
    assert profile.pronouns == "she/her"


def test_the_service_refuses_unconfirmed_contact_details(member):
    with pytest.raises(ProfileNeedsConfirmation):
        account_services.profile_update(user=member, values={"about_me": EMAIL_TEXT})


def test_watched_replace_rewrites_profile_text_before_saving(member):
    WatchedWord.objects.create(pattern="idiot", action="replace", replacement="[kind words]")
    profile = save(member, about_me="Do not listen to that idiot.")
    assert profile.about_me == "Do not listen to that [kind words]."


def test_crisis_language_in_a_profile_offers_help_next(member_client):
    response = member_client.post(SETTINGS_URL, form_data(about_me=CRISIS_TEXT), follow=True)
    assert "You don’t have to carry it alone" in response.content.decode()


# --- Verdicts ------------------------------------------------------------------------------------


def test_a_flagged_profile_opens_a_case_about_the_member_with_evidence(member):
    WatchedWord.objects.create(pattern="telegram", action="flag")
    profile = save(member, about_me="Find me on telegram for chats.")

    result = screen(profile)

    assert result.verdict == ScreeningVerdict.FLAG
    case = result.case
    assert case.target_kind == TargetKind.MEMBER and case.member == member
    assert case.source == CaseSource.SCREENING and case.priority == CasePriority.NORMAL
    assert any(s["field"] == "about_me" and s["matched"] for s in result.signals)
    assert "telegram" not in case.excerpt and "about me" in case.excerpt
    profile.refresh_from_db()
    assert not profile.is_text_held


@pytest.mark.parametrize(("action", "offers_approve"), [("hold", True), ("flag", False)])
def test_case_page_shows_profile_evidence_and_offers_approve_only_for_held_text(
    client, member, global_moderator, action, offers_approve
):
    WatchedWord.objects.create(pattern="telegram", action=action)
    result = screen(save(member, about_me="Find me on telegram for chats."))
    client.force_login(global_moderator)

    page = client.get(reverse("admin:moderation_case_change", args=[result.case.pk]))

    html = page.content.decode()
    assert "Screening evidence" in html
    assert "<mark>telegram</mark>" in html
    assert ('value="approve_profile"' in html) is offers_approve
    assert member.email not in html


def test_a_held_profile_hides_its_text_from_other_members_until_approved(
    client, member, other_member, global_moderator
):
    WatchedWord.objects.create(pattern="telegram", action="hold")
    profile = save(
        member,
        about_me="Find me on telegram for chats.",
        pronouns="he/him",
        pronouns_visibility=FieldVisibility.MEMBERS,
    )
    assert "he/him" in profile_page(client, member, other_member)

    result = screen(profile)

    assert result.verdict == ScreeningVerdict.HOLD
    assert result.case.priority == CasePriority.HIGH
    profile.refresh_from_db()
    assert profile.is_text_held
    other_view = profile_page(client, member, other_member)
    assert "telegram" not in other_view and "he/him" not in other_view
    own_view = profile_page(client, member, member)
    assert "telegram" in own_view and "waiting for a moderator’s review" in own_view
    settings_page = client.get(SETTINGS_URL).content.decode()
    assert "waiting for a moderator’s review" in settings_page
    assert "telegram" in profile_page(client, member, global_moderator)

    client.force_login(global_moderator)
    url = reverse("admin:moderation_case_change", args=[result.case.pk])
    response = client.post(url, {"action": "approve_profile", "version": result.case.version})

    assert response.status_code == 302
    profile.refresh_from_db()
    assert not profile.is_text_held
    case = Case.objects.get(pk=result.case.pk)
    assert case.state == CaseState.RESOLVED and case.outcome == CaseOutcome.APPROVED
    entry = ModerationAction.objects.get(kind=ActionKind.APPROVE)
    assert entry.actor == global_moderator and entry.target_kind == TargetKind.MEMBER
    assert "telegram" in profile_page(client, member, other_member)


def test_dismissing_the_case_of_a_held_profile_shows_the_text_again(
    client, member, other_member, global_moderator
):
    """Dismiss ("no action needed") used to resolve the case and leave the text hidden for good,
    with no open case left to approve it from."""
    WatchedWord.objects.create(pattern="telegram", action="hold")
    result = screen(save(member, about_me="Find me on telegram for chats."))
    assert "telegram" not in profile_page(client, member, other_member)
    client.force_login(global_moderator)

    response = client.post(
        reverse("admin:moderation_case_change", args=[result.case.pk]),
        {"action": "dismiss", "version": result.case.version},
        follow=True,
    )

    assert "the held profile text is visible again" in response.content.decode()
    assert not Profile.objects.get(user=member).is_text_held
    assert Case.objects.get(pk=result.case.pk).outcome == CaseOutcome.DISMISSED
    assert "telegram" in profile_page(client, member, other_member)


def test_the_dismiss_service_used_by_bulk_dismiss_releases_held_profile_text(
    member, global_moderator
):
    WatchedWord.objects.create(pattern="telegram", action="hold")
    result = screen(save(member, about_me="Find me on telegram for chats."))
    services.case_dismiss(case=result.case, acting_user=global_moderator)
    assert not Profile.objects.get(user=member).is_text_held


def test_held_profile_text_is_hidden_from_a_moderator_of_some_forums_only(
    client, member, moderator, forum
):
    """Profile cases are reviewed by global moderators; a forum moderator has no case to review
    and must not read held text on the profile page either."""
    from moderation.models import ModeratorAssignment

    ModeratorAssignment.objects.create(moderator=moderator, forum=forum)
    WatchedWord.objects.create(pattern="telegram", action="hold")
    screen(save(member, about_me="Find me on telegram for chats."))

    assert "telegram" not in profile_page(client, member, moderator)
    ModeratorAssignment.objects.create(moderator=moderator, forum=None)
    assert "telegram" in profile_page(client, member, moderator)


def test_approving_a_profile_that_is_not_held_is_refused(member, global_moderator):
    WatchedWord.objects.create(pattern="telegram", action="flag")
    result = screen(save(member, about_me="Find me on telegram."))
    with pytest.raises(services.ModerationError):
        services.profile_text_approve(case=result.case, acting_user=global_moderator)
    assert Case.objects.get(pk=result.case.pk).state == CaseState.OPEN


def test_new_text_that_passes_lifts_an_earlier_hold(member):
    WatchedWord.objects.create(pattern="telegram", action="hold")
    profile = save(member, about_me="Find me on telegram.")
    screen(profile)
    profile = save(member, about_me="I like quiet mornings.")

    screen(profile)

    profile.refresh_from_db()
    assert not profile.is_text_held


def test_crisis_language_in_a_profile_opens_a_crisis_case_and_stays_visible(
    client, member, other_member
):
    profile = save(member, about_me=CRISIS_TEXT)

    result = screen(profile)

    assert result.verdict == ScreeningVerdict.CRISIS
    case = Case.objects.get(member=member, target_kind=TargetKind.MEMBER)
    assert case.priority == CasePriority.CRISIS
    assert case.crisis_clock_started_at is not None
    profile.refresh_from_db()
    assert not profile.is_text_held
    assert "pills ready" in profile_page(client, member, other_member)


def test_screening_a_profile_twice_stores_one_result(member):
    WatchedWord.objects.create(pattern="telegram", action="flag")
    profile = save(member, about_me="Find me on telegram.")
    first = screen(profile)
    assert screen(profile) == first
    assert ScreeningResult.objects.filter(profile=profile).count() == 1
    assert Case.objects.count() == 1


def test_a_stale_revision_is_skipped(member):
    profile = save(member, about_me="First version.")
    save(member, about_me="Second version.")
    assert profile_screen(profile_id=profile.pk, revision=1) is None
    assert not ScreeningResult.objects.exists()


def test_failed_screening_holds_the_profile_and_opens_a_case(member, caplog):
    profile = save(member, about_me="Private words nobody should log.")

    result = profile_screening_failed(profile_id=profile.pk, revision=1, error="TimeoutError")

    assert result.verdict == ScreeningVerdict.FAILED
    assert result.case.priority == CasePriority.HIGH
    profile.refresh_from_db()
    assert profile.is_text_held
    assert "Private words" not in caplog.text


def test_the_task_dead_letters_after_its_last_retry(member, monkeypatch):
    profile = save(member, about_me="Hello there.")

    def boom(**kwargs):
        raise RuntimeError("engine down")

    monkeypatch.setattr(services.profile_screening, "profile_screen", boom)
    tasks.screen_profile.apply(args=(profile.pk, 1), retries=tasks.screen_profile.max_retries)

    assert ScreeningResult.objects.get(profile=profile).verdict == ScreeningVerdict.FAILED


# --- Sweeper -------------------------------------------------------------------------------------


def test_sweeper_enqueues_profiles_left_unscreened(member, other_member, monkeypatch):
    pending = save(member, about_me="Never reached the worker.")
    done = save(other_member, about_me="Screened already.")
    screen(done)
    sent = []
    monkeypatch.setattr(tasks.screen_profile, "delay", lambda *args: sent.append(args))

    assert list(profiles_awaiting_screening()) == []  # too recent: the worker may still run
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        assert tasks.sweep_unscreened_profiles() == 1

    assert sent == [(pending.pk, 1)]


def test_profiles_without_text_are_not_swept(member):
    account_services.profile_update(user=member, values={"posts_visibility": "members"})
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        assert list(profiles_awaiting_screening()) == []
