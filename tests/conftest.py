"""Shared fixtures: roles, a logged-in client, and test-only settings."""

import pytest
from django.contrib.auth.models import Group

from accounts.roles import MODERATORS, OPERATORS
from tests.factories import UserFactory, enrol_totp


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Static files are not collected for unit tests, so serve them unhashed; requests in tests
    # are plain http, so do not redirect them to https.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SECURE_SSL_REDIRECT = False
    # Argon2 is deliberately slow; tests that check hashing read config.settings directly.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _no_email_names_example_com():
    # Every email any test sends is checked: Django's placeholder site must never reach members.
    from django.core import mail

    yield
    for message in getattr(mail, "outbox", []):
        bodies = [message.subject, message.body]
        bodies += [content for content, _type in getattr(message, "alternatives", [])]
        assert not any("example.com" in str(body) for body in bodies), message.subject


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    from core.cache import KeptInProcess

    cache.clear()
    KeptInProcess.forget_everything()
    yield
    cache.clear()
    KeptInProcess.forget_everything()


@pytest.fixture
def member(db):
    return UserFactory(handle="quiet_fern", email="fern.private@example.org")


@pytest.fixture
def other_member(db):
    return UserFactory(handle="morningtea", email="tea.private@example.org")


@pytest.fixture
def moderator(db):
    user = UserFactory(handle="river_mod", email="river.private@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name=MODERATORS))
    enrol_totp(user)
    return user


@pytest.fixture
def global_moderator(moderator):
    """The moderator, assigned to every forum (what moderators of the member site were before
    forum scopes applied to reading)."""
    from moderation.models import ModeratorAssignment

    ModeratorAssignment.objects.create(moderator=moderator, forum=None)
    return moderator


@pytest.fixture
def operator(db):
    user = UserFactory(
        handle="ops_willow", email="willow.private@example.org", is_staff=True, is_superuser=True
    )
    user.groups.add(Group.objects.get(name=OPERATORS))
    enrol_totp(user)
    return user


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client
