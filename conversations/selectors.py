"""Reads on private conversations, carrying who may see what. Bodies are decrypted here and
only here: for participants, for the screening worker, for the member's export and for
moderators looking at a reported or crisis-flagged message."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from conversations.enums import MessageStatus, ParticipantState
from conversations.models import Conversation, Message, Participant, ReportedMessage
from core import crypto

logger = logging.getLogger(__name__)
CURRENT_STATES = (ParticipantState.REQUESTED, ParticipantState.ACCEPTED)


def message_body(message: Message) -> str:
    """The decrypted text of a message (callers are the places listed in the docstring)."""
    if message.status == MessageStatus.ERASED or not message.key_id:
        return ""
    return crypto.decrypt(
        message.ciphertext,
        key_id=message.key_id,
        message_id=message.pk,
        conversation_id=message.conversation_id,
    )


def members_by_handles(handles: list[str]) -> tuple[list, list[str]]:
    """Active members for these handles (case-insensitive): (found, handles not found)."""
    query = Q()
    for handle in handles:
        query |= Q(handle__iexact=handle)
    found = {
        user.handle.casefold(): user
        for user in (User.objects.filter(query, is_active=True) if handles else [])
    }
    users = [found[h.casefold()] for h in handles if h.casefold() in found]
    missing = [h for h in handles if h.casefold() not in found]
    return users, missing


def _current(user):
    return Participant.objects.filter(user=user, left_at__isnull=True, state__in=CURRENT_STATES)


@dataclass
class ConversationRow:
    conversation: Conversation
    participant: Participant
    others: list
    is_unread: bool

    @property
    def is_request(self) -> bool:
        return self.participant.state == ParticipantState.REQUESTED


def conversation_list_for(user, *, limit: int = 100) -> list[ConversationRow]:
    """The member's current conversations, newest activity first, with the other members."""
    memberships = list(
        _current(user)
        .select_related("conversation")
        .order_by("-conversation__last_message_at")[:limit]
    )
    others: dict[int, list] = {}
    for participant in (
        Participant.objects.filter(
            conversation_id__in=[m.conversation_id for m in memberships], left_at__isnull=True
        )
        .exclude(user=user)
        # Declined members are still listed: declining is silent, so the sender's view of the
        # conversation must not change.
        .select_related("user")
        .order_by("joined_at", "pk")
    ):
        others.setdefault(participant.conversation_id, []).append(participant.user)
    return [
        ConversationRow(
            conversation=m.conversation,
            participant=m,
            others=others.get(m.conversation_id, []),
            is_unread=m.last_read_at is None or m.conversation.last_message_at > m.last_read_at,
        )
        for m in memberships
    ]


def conversation_get_for(*, user, pk: int) -> tuple[Conversation, Participant]:
    """The conversation and the member's place in it; 404 unless they are in it now (a member
    must not learn that a conversation they are not part of exists)."""
    participant = _current(user).select_related("conversation").filter(conversation_id=pk).first()
    if participant is None:
        raise Http404
    return participant.conversation, participant


def participants_of(conversation: Conversation) -> list[Participant]:
    """Who is in the conversation, as shown on its page (declined members too: it is silent)."""
    return list(
        Participant.objects.filter(conversation=conversation, left_at__isnull=True)
        .select_related("user")
        .order_by("joined_at", "pk")
    )


def _visible_to(user):
    # Held messages are seen by their sender only, until a moderator releases them.
    return Q(status__in=(MessageStatus.VISIBLE, MessageStatus.REMOVED, MessageStatus.ERASED)) | Q(
        status=MessageStatus.HELD, sender=user
    )


def message_list_for(*, user, conversation: Conversation, limit: int = 200) -> list[Message]:
    """The latest messages the member may read, oldest first, each with `.text` decrypted
    (empty for removed or erased ones)."""
    messages = list(
        Message.objects.filter(conversation=conversation)
        .filter(_visible_to(user))
        .select_related("sender")
        .order_by("-created_at", "-pk")[:limit]
    )
    messages.reverse()
    for message in messages:
        message.text = _readable_body(message) if message.status != MessageStatus.REMOVED else ""
    return messages


def _readable_body(message: Message) -> str | None:
    """The text, or None when its key is missing or it does not authenticate: the page says
    so for that message and shows the rest (ids only in the log, never text)."""
    try:
        return message_body(message)
    except (crypto.MessageKeyMissing, crypto.MessageTampered):
        logger.error("message %s cannot be decrypted (key %s)", message.pk, message.key_id)
        return None


def message_get_for(*, user, pk: int) -> Message:
    """A message the member may read in a conversation they are in now; 404 otherwise."""
    message = (
        Message.objects.filter(pk=pk)
        .filter(_visible_to(user))
        .filter(
            Exists(_current(user).filter(conversation_id=OuterRef("conversation_id"))),
        )
        .select_related("sender", "conversation")
        .first()
    )
    if message is None:
        raise Http404
    return message


def messages_before(*, user, message: Message, limit: int) -> list[Message]:
    """Up to `limit` messages the member could read just before `message`, leaving out those
    already removed or erased (a report never shows moderators what is gone)."""
    if limit <= 0:
        return []
    return list(
        Message.objects.filter(conversation_id=message.conversation_id)
        .filter(_visible_to(user))
        .exclude(status__in=[MessageStatus.REMOVED, MessageStatus.ERASED])
        .filter(
            Q(created_at__lt=message.created_at)
            | Q(created_at=message.created_at, pk__lt=message.pk)
        )
        .order_by("-created_at", "-pk")[:limit]
    )


@dataclass
class EvidenceMessage:
    message_id: int
    sender_handle: str
    created_at: object
    text: str
    is_reported: bool
    status: str


def case_messages(case) -> list[EvidenceMessage]:
    """The messages put in front of the moderators on this case, decrypted, oldest first.

    The caller (the console) logs each view in the audit log.
    """
    rows = (
        ReportedMessage.objects.filter(case=case)
        .select_related("message__sender")
        .order_by("message__created_at", "message_id")
    )
    evidence = []
    for row in rows:
        message = row.message
        evidence.append(
            EvidenceMessage(
                message_id=message.pk,
                sender_handle=message.sender.handle if message.sender else _("a former member"),
                created_at=message.created_at,
                text=_readable_body(message),
                is_reported=row.is_reported,
                status=message.get_status_display(),
            )
        )
    return evidence


def messages_for_export(user) -> list[dict]:
    """The member's conversations with the messages they sent and could read, decrypted."""
    memberships = Participant.objects.filter(user=user).order_by("joined_at")
    conversations = []
    for membership in memberships:
        messages = (
            Message.objects.filter(conversation_id=membership.conversation_id)
            .filter(_visible_to(user))
            .exclude(status=MessageStatus.REMOVED)
            .select_related("sender")
            .order_by("created_at", "pk")
        )
        # What reached the member: nothing written after they declined or left.
        until = membership.left_at
        if membership.state == ParticipantState.DECLINED:
            until = membership.answered_at
        if until is not None:
            messages = messages.filter(created_at__lte=until)
        conversations.append(
            {
                "conversation_id": membership.conversation_id,
                "your_state": membership.state,
                "joined_at": membership.joined_at,
                "left_at": membership.left_at,
                "messages": [
                    {
                        "from": "you"
                        if message.sender_id == user.pk
                        else (message.sender.handle if message.sender else "a former member"),
                        "sent_at": message.created_at,
                        "status": message.status,
                        # None when its key is missing: the rest of the export is still built.
                        "text": _readable_body(message),
                    }
                    for message in messages
                ],
            }
        )
    return conversations


def messages_awaiting_screening(*, now=None):
    """Ids of messages still pending screening two minutes after they were written."""
    # The same interval as the sweepers of posts and profiles: one setting for all three.
    cutoff = (now or timezone.now()) - timedelta(seconds=settings.SCREENING_SWEEP_AFTER)
    return Message.objects.filter(screening_state="pending", created_at__lt=cutoff).values_list(
        "pk", flat=True
    )
