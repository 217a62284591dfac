"""The first arrival: after sign-up and verification, the member is offered the pause and
late-night reminders once (off unless chosen), then goes where they were heading."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.accounts.test_signup import LOGIN_URL, SIGNUP_URL, signup_data, verification_path
from tests.factories import TEST_PASSWORD, ThreadFactory, UserFactory

WELCOME_URL = reverse("accounts:welcome")


@pytest.fixture
def newcomer(db):
    return UserFactory(handle="new_sprout", onboarding_done_at=None)


def _checked_choice(page) -> str:
    tags = re.findall(r'<input type="radio"[^>]*name="break_reminder_minutes"[^>]*>', page)
    return next(re.search(r'value="(\d+)"', tag).group(1) for tag in tags if "checked" in tag)


def _log_in(client, login, next_url=None):
    url = LOGIN_URL + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login": login, "password": TEST_PASSWORD})


@pytest.mark.django_db
def test_new_member_is_offered_reminders_after_verifying_and_chooses_them(client):
    client.post(SIGNUP_URL, signup_data())
    client.logout()
    client.post(verification_path(mail.outbox[0]))

    response = _log_in(client, "gentle_owl")
    assert response["Location"] == "/welcome/?next=/"
    page = client.get(response["Location"]).content.decode()
    assert "Pause reminder" in page and "Late-night reminder" in page
    assert _checked_choice(page) == "0"  # off by default
    for label in ("After 30 minutes", "After 1 hour", "After 1 hour 30 minutes"):
        assert label in page

    saved = client.post(
        WELCOME_URL,
        {
            "action": "save",
            "next": "/",
            "break_reminder_minutes": "60",
            "has_late_night_reminder": "on",
            "late_night_start": "23:30",
            "late_night_end": "06:00",
        },
    )
    assert saved.status_code == 302 and saved["Location"] == "/"
    user = User.objects.get(handle="gentle_owl")
    assert user.break_reminder_minutes == 60
    assert user.has_late_night_reminder
    assert f"{user.late_night_start:%H:%M}" == "23:30"
    assert user.onboarding_done_at is not None

    client.logout()
    assert _log_in(client, "gentle_owl")["Location"] == "/"  # offered once only


def test_not_now_records_the_offer_and_leaves_reminders_off(client, newcomer):
    _log_in(client, "new_sprout")
    response = client.post(WELCOME_URL, {"action": "skip", "next": "/"}, follow=True)
    assert "No reminders for now" in response.content.decode()
    newcomer.refresh_from_db()
    assert newcomer.onboarding_done_at is not None
    assert newcomer.break_reminder_minutes == 0 and not newcomer.has_late_night_reminder
    assert client.get(WELCOME_URL).status_code == 302


def test_welcome_keeps_where_the_member_was_heading(client, newcomer):
    thread = ThreadFactory()
    response = _log_in(client, "new_sprout", next_url=thread.get_absolute_url())
    assert response["Location"].startswith("/welcome/?next=")
    page = client.get(response["Location"]).content.decode()
    assert f'name="next" value="{thread.get_absolute_url()}"' in page
    done = client.post(WELCOME_URL, {"action": "skip", "next": thread.get_absolute_url()})
    assert done["Location"] == thread.get_absolute_url()


def test_welcome_ignores_a_next_address_on_another_site(client, newcomer):
    client.force_login(newcomer)
    done = client.post(WELCOME_URL, {"action": "skip", "next": "https://elsewhere.example/"})
    assert done["Location"] == "/"


def test_bad_reminder_input_is_explained_and_keeps_what_was_typed(client, newcomer):
    client.force_login(newcomer)
    response = client.post(
        WELCOME_URL,
        {
            "action": "save",
            "break_reminder_minutes": "30",
            "has_late_night_reminder": "on",
            "late_night_start": "23:00",
            "late_night_end": "23:00",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose different start and end times." in page
    assert _checked_choice(page) == "30"
    newcomer.refresh_from_db()
    assert newcomer.onboarding_done_at is None and newcomer.break_reminder_minutes == 0


def test_a_banner_offers_the_reminders_until_answered(client, newcomer):
    client.force_login(newcomer)
    assert "Choose your reminders" in client.get("/").content.decode()
    assert "Choose your reminders" not in client.get(WELCOME_URL).content.decode()
    client.post(WELCOME_URL, {"action": "skip"})
    assert "Choose your reminders" not in client.get("/").content.decode()


def test_established_members_are_not_sent_to_the_welcome(client, member):
    assert _log_in(client, member.handle)["Location"] == "/"
    assert "Choose your reminders" not in client.get("/").content.decode()


def test_welcome_needs_a_logged_in_member(client, db):
    response = client.get(WELCOME_URL)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN_URL)
