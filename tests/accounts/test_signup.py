import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.enums import ConsentKind
from accounts.models import Consent, User
from moderation.models import RulesVersion
from tests.factories import TEST_PASSWORD, UserFactory

SIGNUP_URL = reverse("account_signup")
LOGIN_URL = reverse("account_login")


def signup_data(**overrides) -> dict:
    data = {
        "username": "gentle_owl",
        "email": "owl.person@example.org",
        "password1": TEST_PASSWORD,
        "password2": TEST_PASSWORD,
        "accept_rules": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def verification_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.mark.django_db
def test_signup_sends_a_verification_email_and_blocks_login_until_verified(client):
    response = client.post(SIGNUP_URL, signup_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["owl.person@example.org"]
    user = User.objects.get(handle="gentle_owl")
    assert not EmailAddress.objects.get(user=user).verified

    client.logout()
    response = client.post(LOGIN_URL, {"login": "gentle_owl", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@pytest.mark.parametrize("login", ["gentle_owl", "GENTLE_OWL", "owl.person@example.org"])
def test_after_verification_member_logs_in_by_handle_or_email(client, login):
    client.post(SIGNUP_URL, signup_data())
    client.logout()
    confirm_path = verification_path(mail.outbox[0])

    confirm_page = client.get(confirm_path)
    assert confirm_page.status_code == 200
    client.post(confirm_path)

    assert EmailAddress.objects.get(email="owl.person@example.org").verified
    response = client.post(LOGIN_URL, {"login": login, "password": TEST_PASSWORD})
    assert response.status_code == 302
    # A first arrival is offered the healthy-use reminders, then goes on to the home page.
    assert response["Location"] == "/welcome/?next=/"
    assert int(client.session["_auth_user_id"]) == User.objects.get(handle="gentle_owl").pk


@pytest.mark.django_db
def test_signup_records_the_accepted_rules_version(client):
    RulesVersion.objects.create(number=3)

    client.post(SIGNUP_URL, signup_data())

    consent = Consent.objects.get(user__handle="gentle_owl")
    assert (consent.kind, consent.version) == (ConsentKind.COMMUNITY_RULES, 3)


@pytest.mark.django_db
def test_signup_without_accepting_the_rules_is_refused_and_keeps_what_was_typed(client):
    response = client.post(SIGNUP_URL, signup_data(accept_rules=None))

    assert response.status_code == 200
    assert "Please read and accept the community rules" in response.content.decode()
    assert 'value="gentle_owl"' in response.content.decode()
    assert 'value="owl.person@example.org"' in response.content.decode()
    assert TEST_PASSWORD not in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_handle_that_contains_the_email_local_part_needs_confirmation(client):
    data = signup_data(username="owl.person"[:3] + "_person", email="owl_person@example.org")
    data["username"] = "owl_person_2"

    response = client.post(SIGNUP_URL, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "could identify you" in page
    assert 'name="confirm_handle"' in page and 'type="checkbox"' in page
    assert not User.objects.exists()

    response = client.post(SIGNUP_URL, {**data, "confirm_handle": "on"})
    assert response.status_code == 302
    assert User.objects.filter(handle="owl_person_2").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"username": "ad"}, "3 to 30 characters"),
        ({"username": "has space"}, "3 to 30 characters"),
        ({"username": "Moderator"}, "is reserved"),
        ({"password1": "short", "password2": "short"}, "too short"),
        ({"password1": "password123", "password2": "password123"}, "too common"),
        ({"password2": "something-else-entirely"}, "same password"),
    ],
)
def test_bad_signup_input_gets_a_clear_message_on_the_same_form(client, overrides, message):
    response = client.post(SIGNUP_URL, signup_data(**overrides))

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'value="owl.person@example.org"' in page
    assert not User.objects.exists()


@pytest.mark.django_db
def test_handle_taken_in_another_letter_case_is_refused(client):
    UserFactory(handle="Gentle_Owl")

    response = client.post(SIGNUP_URL, signup_data(username="gentle_owl"))

    assert response.status_code == 200
    assert "already" in response.content.decode()
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_signup_with_a_registered_email_does_not_reveal_it(client):
    UserFactory(handle="first_owl", email="owl.person@example.org")

    response = client.post(SIGNUP_URL, signup_data())

    # Same response as a fresh sign-up; the owner of the address gets a note instead.
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.count() == 1
    assert mail.outbox[0].to == ["owl.person@example.org"]
