"""The pages: list with unread markers, the conversation page, limits that keep the draft."""

import pytest
from django.urls import reverse

from accounts.enums import MuteKind, TrustLevel
from accounts.models import Mute
from conversations import ratelimits, services
from conversations.models import MESSAGE_MAX_LENGTH, Message
from notifications.enums import NotificationKind
from notifications.models import Notification
from tests.conversations.conftest import start
from tests.factories import UserFactory

DRAFT = "A long, careful message I do not want to lose."


def test_start_from_the_page_sends_a_request(client, alice, bob):
    client.force_login(alice)

    page = client.get(reverse("conversations:start") + "?to=bob_k").content.decode()
    assert 'value="bob_k"' in page
    response = client.post(reverse("conversations:start"), {"to": "BOB_K", "body": "Hello!"})

    assert response.status_code == 302
    conversation = Message.objects.get().conversation
    assert response["Location"] == conversation.get_absolute_url()


def test_unknown_and_unwilling_members_read_the_same(client, alice, db):
    UserFactory(handle="shy_member")  # accepts nobody
    client.force_login(alice)

    unknown = client.post(reverse("conversations:start"), {"to": "no_such", "body": DRAFT})
    unwilling = client.post(reverse("conversations:start"), {"to": "shy_member", "body": DRAFT})

    assert "no_such isn&#x27;t accepting messages from you." in unknown.content.decode()
    assert "shy_member isn&#x27;t accepting messages from you." in unwilling.content.decode()
    assert DRAFT in unknown.content.decode() and DRAFT in unwilling.content.decode()
    assert not Message.objects.exists()


def test_oversized_messages_are_refused_with_the_text_kept(client, conversation, alice):
    client.force_login(alice)
    text = "x" * (MESSAGE_MAX_LENGTH + 1)

    response = client.post(conversation.get_absolute_url(), {"body": text})

    page = response.content.decode()
    assert f"at most {MESSAGE_MAX_LENGTH} characters" in page.replace(",", "")
    assert text in page
    assert conversation.messages.count() == 1


def test_rate_limited_messages_keep_the_draft(client, conversation, alice, monkeypatch):
    monkeypatch.setitem(ratelimits.RATES, "message", ("1/h", "1/h"))
    client.force_login(alice)
    assert client.post(conversation.get_absolute_url(), {"body": "first"}).status_code == 302

    response = client.post(conversation.get_absolute_url(), {"body": DRAFT})

    assert response.status_code == 429
    assert DRAFT in response.content.decode() and "paused sending" in response.content.decode()
    assert conversation.messages.count() == 2


def test_new_members_hit_the_message_limit_sooner(client, alice, db):
    newcomer = UserFactory(trust_level=TrustLevel.NEW)
    conversation = start(alice, newcomer_accepting(newcomer))
    services.request_answer(user=newcomer, conversation=conversation, accept=True)
    client.force_login(newcomer)
    strict, relaxed = ratelimits.RATES["message"]
    allowed = int(strict.split("/")[0])
    assert allowed < int(relaxed.split("/")[0])
    for n in range(allowed):
        response = client.post(conversation.get_absolute_url(), {"body": f"m{n}"})
        assert response.status_code == 302
    response = client.post(conversation.get_absolute_url(), {"body": DRAFT})
    assert response.status_code == 429 and DRAFT in response.content.decode()


def newcomer_accepting(user):
    user.message_permission = "anyone"
    user.save()
    return user


def test_starting_conversations_is_rate_limited(client, alice, bob, monkeypatch):
    monkeypatch.setitem(ratelimits.RATES, "start", ("1/h", "1/h"))
    client.force_login(alice)
    client.post(reverse("conversations:start"), {"to": "bob_k", "body": "one"})

    response = client.post(reverse("conversations:start"), {"to": "bob_k", "body": DRAFT})

    assert response.status_code == 429 and DRAFT in response.content.decode()


def test_list_marks_unread_and_the_header_counts_them(client, conversation, alice, bob):
    services.message_send(sender=alice, conversation=conversation, body="news")
    client.force_login(bob)

    listing = client.get(reverse("conversations:list"))
    assert listing.context["unread_conversation_count"] == 1
    assert "is-unread" in listing.content.decode()

    client.get(conversation.get_absolute_url())
    listing = client.get(reverse("conversations:list"))
    assert listing.context["unread_conversation_count"] == 0
    assert "is-unread" not in listing.content.decode()


def test_requests_are_listed_apart(client, alice, bob):
    start(alice, bob, body="May I ask you something?")
    client.force_login(bob)

    response = client.get(reverse("conversations:list"))

    assert len(response.context["requests"]) == 1 and response.context["rows"] == []
    detail = client.get(response.context["requests"][0].conversation.get_absolute_url())
    assert "Accept" in detail.content.decode() and "Decline" in detail.content.decode()


def test_a_new_message_notifies_once_per_conversation(conversation, alice, bob):
    services.message_send(sender=alice, conversation=conversation, body="one")
    services.message_send(sender=alice, conversation=conversation, body="two")

    notes = Notification.objects.filter(recipient=bob, kind=NotificationKind.MESSAGE)
    assert notes.count() == 1
    assert notes.get().link == conversation.get_absolute_url()


def test_a_muted_sender_does_not_notify(conversation, alice, bob):
    Notification.objects.all().delete()
    Mute.objects.create(user=bob, kind=MuteKind.MEMBER, member=alice)

    services.message_send(sender=alice, conversation=conversation, body="one")

    assert not Notification.objects.filter(recipient=bob).exists()


def test_the_page_explains_who_can_read_messages(client, conversation, bob):
    client.force_login(bob)

    page = client.get(conversation.get_absolute_url()).content.decode()

    assert "Who can read these messages" in page
    assert "only if someone in the conversation reports it" in page


def test_others_cannot_open_a_conversation(client, conversation, carol):
    client.force_login(carol)
    assert client.get(conversation.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("extra", [0, 30])
def test_pages_have_a_constant_query_budget(
    client, conversation, alice, bob, extra, django_assert_max_num_queries
):
    for n in range(extra):
        services.message_send(sender=alice, conversation=conversation, body=f"m{n}")
    client.force_login(bob)
    with django_assert_max_num_queries(11):
        assert client.get(conversation.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("conversations:list")).status_code == 200


def test_a_small_group_conversation(client, alice, bob, carol):
    client.force_login(alice)
    response = client.post(
        reverse("conversations:start"), {"to": "bob_k, carol_t", "body": "Hello both"}
    )
    conversation = Message.objects.get().conversation
    assert response.status_code == 302
    for member in (bob, carol):
        services.request_answer(user=member, conversation=conversation, accept=True)
    services.message_send(sender=bob, conversation=conversation, body="Hi from Bob")

    client.force_login(carol)
    page = client.get(conversation.get_absolute_url()).content.decode()

    assert "Hello both" in page and "Hi from Bob" in page
    assert "alice_w" in page and "bob_k" in page


def test_every_messages_page_is_private_and_not_indexed(client, conversation, alice, bob):
    message = conversation.messages.get()
    client.force_login(bob)
    pages = [
        reverse("conversations:list"),
        reverse("conversations:start"),
        conversation.get_absolute_url(),
        reverse("conversations:leave", kwargs={"pk": conversation.pk}),
        reverse("conversations:report", kwargs={"pk": message.pk}),
        reverse("conversations:settings"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code in (200, 403), url
        assert response["Cache-Control"] == "private, no-store", url
        assert response["X-Robots-Tag"] == "noindex", url
        assert '<meta name="robots" content="noindex">' in response.content.decode(), url


def test_every_messages_post_needs_the_csrf_token(conversation, alice, bob):
    from django.test import Client

    message = conversation.messages.get()
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)
    posts = [
        (reverse("conversations:start"), {"to": "alice_w", "body": "hi"}),
        (conversation.get_absolute_url(), {"body": "forged reply"}),
        (reverse("conversations:accept", kwargs={"pk": conversation.pk}), {}),
        (reverse("conversations:decline", kwargs={"pk": conversation.pk}), {}),
        (reverse("conversations:leave", kwargs={"pk": conversation.pk}), {}),
        (reverse("conversations:report", kwargs={"pk": message.pk}), {"reason": "spam"}),
        (reverse("conversations:settings"), {"message_permission": "nobody"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert conversation.messages.count() == 1
    bob.refresh_from_db()
    assert bob.message_permission == "anyone"  # the fixture's, unchanged
