"""Account emails (verification, password reset) name this site, never Django's example.com."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.site import sync_site_with_settings
from tests.factories import TEST_PASSWORD


@pytest.fixture
def willow_house(settings):
    settings.SITE_NAME = "Willow House"
    settings.SITE_URL = "https://willow-house.example.net"
    # What every `migrate` does after a deployment changes these settings.
    sync_site_with_settings()


def _text_of(message) -> str:
    parts = [message.subject, message.body]
    parts += [content for content, _mimetype in getattr(message, "alternatives", [])]
    return "\n".join(parts)


@pytest.mark.django_db
def test_the_migrated_site_is_named_from_settings_not_example_com(settings):
    from django.contrib.sites.models import Site

    site = Site.objects.get(pk=settings.SITE_ID)
    assert site.name == settings.SITE_NAME
    assert "example.com" not in site.domain


@pytest.mark.django_db
def test_verification_email_greets_from_the_configured_site(client, willow_house):
    client.post(
        reverse("account_signup"),
        {
            "username": "gentle_owl",
            "email": "owl.person@example.org",
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
            "accept_rules": "on",
        },
    )
    assert len(mail.outbox) == 1
    text = _text_of(mail.outbox[0])
    assert "Willow House" in text
    assert "willow-house.example.net" in text
    assert "example.com" not in text


@pytest.mark.django_db
def test_password_reset_email_greets_from_the_configured_site(client, member, willow_house):
    client.post(reverse("account_reset_password"), {"email": member.email})
    assert len(mail.outbox) == 1
    text = _text_of(mail.outbox[0])
    assert "Willow House" in text
    assert "example.com" not in text
