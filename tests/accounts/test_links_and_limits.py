import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.accounts.test_signup import SIGNUP_URL, signup_data, verification_path
from tests.factories import TEST_PASSWORD

RESET_URL = reverse("account_reset_password")


def reset_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.mark.django_db
def test_a_used_verification_link_says_it_is_no_longer_valid(client):
    client.post(SIGNUP_URL, signup_data())
    client.logout()
    path = verification_path(mail.outbox[0])
    client.post(path)

    client.logout()
    again = client.get(path)

    assert again.status_code == 200
    assert "expired or is invalid" in again.content.decode()


@pytest.mark.django_db
def test_a_made_up_verification_link_is_refused_clearly(client):
    response = client.get("/accounts/confirm-email/not-a-real-key/")
    assert response.status_code == 200
    assert "expired or is invalid" in response.content.decode()


@pytest.mark.django_db
def test_a_password_reset_link_works_once(client, member):
    client.post(RESET_URL, {"email": member.email})
    path = reset_path(mail.outbox[0])
    form_url = client.get(path)["Location"]
    new_password = "a-brand-new-long-passphrase"

    done = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert done.status_code == 302
    member.refresh_from_db()
    assert member.check_password(new_password)

    reused = client.get(path, follow=True)
    assert "Bad Token" in reused.content.decode() or "invalid" in reused.content.decode()


@pytest.mark.django_db
def test_too_many_signups_from_one_address_get_the_429_page(client):
    statuses = []
    for n in range(22):
        client.logout()
        data = signup_data(username=f"burst_{n}", email=f"burst{n}@example.org")
        statuses.append(client.post(SIGNUP_URL, data).status_code)

    assert statuses[0] == 302
    assert statuses[-1] == 429


@pytest.mark.django_db
def test_too_many_password_resets_for_one_address_are_limited(client, member):
    responses = [client.post(RESET_URL, {"email": member.email}) for _ in range(8)]

    assert len(mail.outbox) == 5
    limited = responses[-1]
    assert limited.status_code in (200, 429)
    assert "Too many" in limited.content.decode() or limited.status_code == 429


@pytest.mark.django_db
def test_resending_the_verification_email_is_limited(client):
    client.post(SIGNUP_URL, signup_data())
    client.logout()
    client.post(reverse("account_login"), {"login": "gentle_owl", "password": TEST_PASSWORD})
    client.post(reverse("account_login"), {"login": "gentle_owl", "password": TEST_PASSWORD})

    # One verification email for the sign-up; logging in again within minutes sends no more.
    assert len(mail.outbox) == 1
