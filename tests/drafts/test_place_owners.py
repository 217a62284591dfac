"""Drafts learn their places from the apps that own them: limits and the Drafts page's names
come from forums and conversations, and a place nobody registered fails loudly."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from conversations.models import MESSAGE_MAX_LENGTH
from drafts import checks, places
from drafts.enums import PlaceKind
from drafts.places import RECIPIENTS_MAX_LENGTH, Place, kept_limits
from forums.models import BODY_MAX_LENGTH, CONTENT_WARNING_MAX_LENGTH, TITLE_MAX_LENGTH


def test_every_kind_of_place_has_an_owner_at_startup():
    assert checks.places_registered() == []


def test_each_place_holds_what_its_post_or_message_holds():
    post = {"content_warning": CONTENT_WARNING_MAX_LENGTH, "body": BODY_MAX_LENGTH}
    message = {"to": RECIPIENTS_MAX_LENGTH, "body": MESSAGE_MAX_LENGTH}
    assert Place(PlaceKind.THREAD, 1).limits() == {"title": TITLE_MAX_LENGTH, **post}
    assert Place(PlaceKind.REPLY, 1).limits() == post
    assert Place(PlaceKind.EDIT, 1).limits() == post
    assert Place(PlaceKind.MESSAGE, 1).limits() == message
    assert Place(PlaceKind.NEW_MESSAGE).limits() == message


def test_kept_text_may_be_as_long_as_the_longest_composer_takes():
    assert kept_limits() == {
        "title": TITLE_MAX_LENGTH,
        "content_warning": CONTENT_WARNING_MAX_LENGTH,
        "to": RECIPIENTS_MAX_LENGTH,
        "body": max(BODY_MAX_LENGTH, MESSAGE_MAX_LENGTH),
    }


def test_a_place_nobody_registered_fails_the_check_and_its_use(monkeypatch):
    registry = places.place_owners
    owners = {kind: owner for kind, owner in registry._entries.items() if kind != PlaceKind.EDIT}
    monkeypatch.setattr(registry, "_entries", owners)

    assert [error.id for error in checks.places_registered()] == ["drafts.E001"]
    with pytest.raises(ImproperlyConfigured):
        Place(PlaceKind.EDIT, 1).limits()


def test_a_second_owner_cannot_take_a_place_over():
    with pytest.raises(ImproperlyConfigured):
        places.place_owners.register(
            PlaceKind.REPLY,
            places.PlaceOwner(limits={PlaceKind.REPLY: {"body": 1}}, describe=lambda u, ids: {}),
        )
