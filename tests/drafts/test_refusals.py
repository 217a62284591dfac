"""Every refusal keeps the text: one table of each way posting or sending can be refused, and
how the member's words come back to them, intact, in the form."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from accounts.enums import TrustLevel
from conversations import ratelimits as message_ratelimits
from conversations.models import MESSAGE_MAX_LENGTH, Message
from forums import ratelimits as forum_ratelimits
from forums import services as forum_services
from forums.enums import ThreadStarters
from forums.models import BODY_MAX_LENGTH, Post, Thread
from moderation import services as moderation_services
from moderation.demo import seed_moderation
from moderation.enums import SanctionKind
from moderation.models import ModeratorAssignment, Rule, RulesVersion, Sanction, WatchedWord
from tests.factories import TEST_PASSWORD, ForumFactory, UserFactory

TEXT = "Tonight I finally said it out loud: I am not OK, and that is allowed.\nThank you all."
PHONE = "Text me on +44 7700 900123 if you want."


@dataclass
class Refusal:
    """`arrange(world)` sets the refusal up and returns (url, form data); the member posts it;
    the page must say `says`; `comes_back(world, response)` returns the page where the text is
    found again (by default the response itself)."""

    arrange: Callable
    says: str
    comes_back: Callable | None = None


def _reply(world, body=TEXT):
    return reverse("forums:reply", kwargs={"pk": world.thread.pk}), {"body": body}


def _new_thread(world, **extra):
    url = reverse("forums:thread_create", kwargs={"slug": world.forum.slug})
    return url, {"title": "Saying it out loud", "body": TEXT, **extra}


def _message(world, body=TEXT):
    return world.conversation.get_absolute_url(), {"body": body}


def _new_conversation(world, to="kind_ear"):
    return reverse("conversations:start"), {"to": to, "body": TEXT}


def _edit(world):
    post = forum_services.post_create(author=world.writer, thread=world.thread, body="Earlier")
    return reverse("forums:post_edit", kwargs={"pk": post.pk}), {"body": TEXT}


def _after_one(world, limits, action, arrange):
    """Allow one `action` an hour, spend it, then return the refused second post."""
    world.monkeypatch.setitem(limits.RATES, action, ("1/h", "1/h"))
    url, data = arrange(world)
    assert world.client.post(url, {**data, "body": "the one allowed"}).status_code == 302
    return url, data


def _rate_limited_reply(world):
    return _after_one(world, forum_ratelimits, "reply", _reply)


def _rate_limited_thread(world):
    return _after_one(world, forum_ratelimits, "thread", _new_thread)


def _rate_limited_message(world):
    return _after_one(world, message_ratelimits, "message", _message)


def _locked_reply(world):
    forum_services.thread_lock(thread=world.thread, acting_user=world.moderator)
    return _reply(world)


def _locked_edit(world):
    url, data = _edit(world)
    forum_services.thread_lock(thread=world.thread, acting_user=world.moderator)
    return url, data


def _thread_starters_only_moderators(world):
    world.forum = ForumFactory(slug="news", thread_starters=ThreadStarters.MODERATORS)
    return _new_thread(world)


def _silenced(world):
    moderation_services.member_sanction(
        member=world.writer,
        kind=SanctionKind.SILENCE,
        acting_user=world.moderator,
        rules=world.rules[:1],
        duration=timedelta(days=1),
    )
    return _reply(world)


def _rules_changed(world):
    moderation_services.rules_accept(user=world.writer)
    latest = RulesVersion.objects.order_by("-number").first()
    RulesVersion.objects.create(number=latest.number + 1, is_significant=True, summary="A rule")
    return _reply(world)


def _blocked_word(arrange):
    def setup(world):
        WatchedWord.objects.create(pattern="buy followers", kind="phrase", action="block")
        return arrange(world, body=f"{TEXT} Just buy followers.")

    return setup


def _personal_info(arrange):
    return lambda world: arrange(world, body=f"{TEXT} {PHONE}")


def _too_long(arrange, limit):
    return lambda world: arrange(world, body=TEXT + "x" * limit)


def _content_warning_required(world):
    world.forum = ForumFactory(slug="ed-recovery", is_content_warning_required=True)
    return _new_thread(world)


def _title_too_long(world):
    return _new_thread(world, title="T" * 201)


def _recipient_not_accepting(world):
    UserFactory(handle="private_pine", trust_level=TrustLevel.MEMBER)  # accepts nobody
    return _new_conversation(world, to="private_pine")


def _suspended(world):
    url, data = _reply(world)
    token = world.place_token(url)
    world.sanction = moderation_services.member_sanction(
        member=world.writer,
        kind=SanctionKind.SUSPENSION,
        acting_user=world.moderator,
        rules=world.rules[:1],
        duration=timedelta(days=7),
    )
    return url, {**data, "draft_place": token}


def _after_suspension_lifted(world, response):
    moderation_services.sanction_lift(
        sanction=Sanction.objects.get(pk=world.sanction.pk),
        acting_user=world.moderator,
        reason="Reviewed",
    )
    return _back_after_login(world, response)


def _session_ended(world):
    url, data = _reply(world)
    token = world.place_token(url)
    world.client.post(reverse("account_logout"))
    return url, {**data, "draft_place": token}


def _back_after_login(world, response):
    assert urlsplit(response["Location"]).path == reverse("account_login")
    next_url = parse_qs(urlsplit(response["Location"]).query)["next"][0]
    login = world.client.post(
        reverse("account_login"),
        {"login": world.writer.handle, "password": TEST_PASSWORD, "next": next_url},
    )
    return world.client.get(login["Location"])


def _security_check_failed(world):
    world.client = Client(enforce_csrf_checks=True, HTTP_ORIGIN="http://testserver")
    world.client.force_login(world.writer)
    return _reply(world)


REFUSALS = {
    "reply rate limit": Refusal(_rate_limited_reply, "paused posting"),
    "new thread rate limit": Refusal(_rate_limited_thread, "paused posting"),
    "message rate limit": Refusal(_rate_limited_message, "paused sending"),
    "locked thread (reply)": Refusal(_locked_reply, "This thread is locked"),
    "locked thread (edit)": Refusal(_locked_edit, "can no longer be edited"),
    "forum lets only some start threads": Refusal(
        _thread_starters_only_moderators, "Only some members can start threads"
    ),
    "sanction: read-only": Refusal(_silenced, "read-only"),
    "sanction: suspended": Refusal(_suspended, "", comes_back=_after_suspension_lifted),
    "rules changed, not yet accepted": Refusal(_rules_changed, "rules have changed"),
    "screening block (reply)": Refusal(_blocked_word(_reply), "can’t be posted as written"),
    "screening block (message)": Refusal(_blocked_word(_message), "can’t be sent as written"),
    "size limit (reply)": Refusal(_too_long(_reply, BODY_MAX_LENGTH), "at most 20000"),
    "size limit (message)": Refusal(_too_long(_message, MESSAGE_MAX_LENGTH), "at most"),
    "size limit (title)": Refusal(_title_too_long, "at most 200 characters"),
    "content warning required": Refusal(_content_warning_required, "content warning"),
    "personal information (reply)": Refusal(_personal_info(_reply), "phone number"),
    "personal information (message)": Refusal(_personal_info(_message), "phone number"),
    "recipient not accepting": Refusal(_recipient_not_accepting, "accepting messages from you"),
    "session ended": Refusal(_session_ended, "", comes_back=_back_after_login),
    "security check failed": Refusal(_security_check_failed, "Please send that again"),
}


@pytest.fixture
def world(client, writer, listener, thread, conversation, moderator, monkeypatch):
    seed_moderation()
    ModeratorAssignment.objects.create(moderator=moderator, forum=None)
    client.force_login(writer)
    world = SimpleNamespace(
        client=client,
        writer=writer,
        thread=thread,
        forum=thread.forum,
        conversation=conversation,
        moderator=moderator,
        monkeypatch=monkeypatch,
        rules=list(Rule.objects.order_by("number")),
    )

    def place_token(url):
        page = client.get(url).content.decode()
        return page.split('name="draft_place" value="', 1)[1].split('"', 1)[0]

    world.place_token = place_token
    return world


def _written(world):
    return (
        Post.objects.filter(author=world.writer).exclude(body="the one allowed").count(),
        Thread.objects.filter(author=world.writer).count(),
        Message.objects.filter(sender=world.writer).count(),
    )


@pytest.mark.parametrize("name", list(REFUSALS))
def test_every_refusal_gives_the_text_back_intact(world, name):
    refusal = REFUSALS[name]
    url, data = refusal.arrange(world)
    before = _written(world)

    response = world.client.post(url, data)

    assert _written(world) == before, "nothing is posted or sent"
    page = response.content.decode()
    assert refusal.says in page
    if refusal.comes_back:
        assert response.status_code == 302
        page = refusal.comes_back(world, response).content.decode()
    assert escape(data["body"]) in page
    if "title" in data:
        assert escape(data["title"]) in page
    if "to" in data:
        assert escape(data["to"]) in page


def test_the_table_covers_the_refusals_the_issue_names():
    named = " ".join(REFUSALS)
    for kind in ("rate limit", "locked", "sanction", "screening", "size limit", "personal"):
        assert kind in named
