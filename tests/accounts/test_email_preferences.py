"""Email preferences: defaults, the settings page (no JS needed), and unsubscribing by link and
by RFC 8058 one-click POST, including invalid and expired tokens."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from accounts import services
from accounts.models import EmailPreferences
from accounts.tokens import unsubscribe_token_make


def test_defaults_are_gentle(member):
    prefs = services.email_preferences_get(user=member)
    assert prefs.digest_frequency == "weekly"
    assert prefs.digest_hour == 8
    assert prefs.digest_content == "titles"
    assert prefs.is_subject_neutral
    assert prefs.is_moderation_email_on
    assert not prefs.is_reply_email_on and not prefs.is_mention_email_on
    assert not prefs.has_quiet_hours


def test_the_settings_page_shows_and_saves_preferences(member_client, member):
    page = member_client.get("/settings/email/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<legend" in html and "Quiet hours and time zone" in html
    assert "<script" not in html and "style=" not in html
    response = member_client.post(
        "/settings/email/",
        {
            "timezone": "Europe/Berlin",
            "digest_frequency": "daily",
            "digest_weekday": "3",
            "digest_hour": "19",
            "digest_content": "excerpts",
            "is_subject_neutral": "",
            "is_reply_email_on": "on",
            "is_moderation_email_on": "on",
            "has_quiet_hours": "on",
            "quiet_hours_start": "23:00",
            "quiet_hours_end": "06:30",
        },
    )
    assert response.status_code == 302
    prefs = EmailPreferences.objects.get(user=member)
    assert (prefs.digest_frequency, prefs.digest_hour, prefs.digest_content) == (
        "daily",
        19,
        "excerpts",
    )
    assert prefs.is_reply_email_on and not prefs.is_mention_email_on
    assert not prefs.is_subject_neutral
    assert prefs.has_quiet_hours and prefs.quiet_hours_end.minute == 30
    member.refresh_from_db()
    assert member.timezone == "Europe/Berlin"
    assert prefs.digest_due_at is not None  # the beat looks at the new schedule


def test_quiet_hours_need_different_times(member_client, member):
    response = member_client.post(
        "/settings/email/",
        {
            "timezone": "UTC",
            "digest_frequency": "weekly",
            "digest_weekday": "1",
            "digest_hour": "8",
            "digest_content": "titles",
            "has_quiet_hours": "on",
            "quiet_hours_start": "22:00",
            "quiet_hours_end": "22:00",
        },
    )
    assert response.status_code == 200
    assert "Quiet hours need different start and end times." in response.content.decode()


def test_settings_need_a_login(client):
    response = client.get("/settings/email/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_unsubscribe_link_asks_first_and_needs_no_login(client, member):
    token = unsubscribe_token_make(user_id=member.pk, scope="digest")
    page = client.get(f"/email/unsubscribe/{token}/")
    assert page.status_code == 200
    assert "Stop summary emails?" in page.content.decode()
    assert member.handle not in page.content.decode() and member.email not in page.content.decode()
    assert services.email_preferences_get(user=member).digest_frequency == "weekly"
    done = client.post(f"/email/unsubscribe/{token}/")
    assert done.status_code == 200
    assert "You are unsubscribed" in done.content.decode()
    prefs = EmailPreferences.objects.get(user=member)
    assert prefs.digest_frequency == "never" and prefs.digest_due_at is None
    assert prefs.is_moderation_email_on  # only what the link names stops


def test_one_click_post_without_csrf_token_unsubscribes(member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    token = unsubscribe_token_make(user_id=member.pk, scope="notifications")
    response = client.post(
        f"/email/unsubscribe/{token}/",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    prefs = EmailPreferences.objects.get(user=member)
    assert not (prefs.is_reply_email_on or prefs.is_mention_email_on)
    assert not prefs.is_moderation_email_on
    assert prefs.digest_frequency == "weekly"


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_token_changes_nothing(client, member, method):
    token = unsubscribe_token_make(user_id=member.pk, scope="digest")
    forged = token.replace(
        token.split(":")[0], unsubscribe_token_make(user_id=999, scope="digest").split(":")[0]
    )
    for bad in ("not-a-token", token[:-2] + "xx", forged):
        response = getattr(client, method)(f"/email/unsubscribe/{bad}/")
        assert response.status_code == 400
        assert "This unsubscribe link does not work" in response.content.decode()
    assert services.email_preferences_get(user=member).digest_frequency == "weekly"


def test_an_expired_token_changes_nothing(client, member):
    token = unsubscribe_token_make(user_id=member.pk, scope="digest")
    with time_machine.travel(timezone.now() + timedelta(days=181)):
        response = client.post(f"/email/unsubscribe/{token}/")
    assert response.status_code == 400
    assert "too old" in response.content.decode()
    assert services.email_preferences_get(user=member).digest_frequency == "weekly"


def test_a_token_for_a_deleted_member_is_invalid(client, member):
    token = unsubscribe_token_make(user_id=member.pk, scope="digest")
    member.delete()
    assert client.post(f"/email/unsubscribe/{token}/").status_code == 400


def test_the_settings_index_links_to_email_settings(member_client):
    assert "/settings/email/" in member_client.get("/settings/").content.decode()
