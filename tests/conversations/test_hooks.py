"""Consent "people I replied to" needs the forums' answer, connected from above: without it the
site refuses to start rather than deciding consent on half the facts."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from accounts.enums import MessagePermission, TrustLevel
from conversations import checks, hooks, permissions
from tests.factories import UserFactory


def test_the_forums_answer_is_registered_at_startup():
    assert checks.hooks_filled() == []


def test_without_the_forums_answer_the_check_fails_and_consent_is_not_decided(db, monkeypatch):
    monkeypatch.setattr(hooks.replied_in_threads, "_contributions", {})
    sender = UserFactory(trust_level=TrustLevel.MEMBER)
    recipient = UserFactory(message_permission=MessagePermission.REPLIED)

    assert [error.id for error in checks.hooks_filled()] == ["conversations.E001"]
    with pytest.raises(ImproperlyConfigured):
        permissions.recipient_accepts(sender=sender, recipient=recipient)
