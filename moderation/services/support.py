"""The conversation between a member and "the moderators": outreach and the member's replies.

The member sees a team, never which moderator wrote. Texts are encrypted at rest with the
private messages' keys (core/crypto.py), under conversation id 0 in the associated
data: no conversation has that id, so a support message can never be passed off as one.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from conversations.services import rows_reencrypt
from core import crypto
from forums import services as forum_services
from moderation.enums import ActionKind, CaseState
from moderation.models import Case, SupportMessage
from moderation.services.cases import log_case_action
from moderation.services.errors import ModerationError

SUPPORT_CONVERSATION_ID = 0
REPLY_MAX_LENGTH = 5000


def support_message_text(message: SupportMessage) -> str:
    """The decrypted text of one support message (for the member, the case page, the export)."""
    return crypto.decrypt(
        message.ciphertext,
        key_id=message.key_id,
        message_id=message.pk,
        conversation_id=SUPPORT_CONVERSATION_ID,
    )


def _store(*, member, case, sender, is_from_moderators: bool, text: str) -> SupportMessage:
    message = SupportMessage.objects.create(
        member=member,
        case=case,
        sender=sender,
        is_from_moderators=is_from_moderators,
        ciphertext=b"",
        key_id="",
    )
    message.ciphertext, message.key_id = crypto.encrypt(
        text, message_id=message.pk, conversation_id=SUPPORT_CONVERSATION_ID
    )
    message.save(update_fields=["ciphertext", "key_id"])
    return message


def support_outreach_send(*, case: Case, acting_user, text: str) -> SupportMessage:
    """Write to the case's member as "the moderators" (inside the caller's transaction) and
    tell them, with a link to the conversation; the notice holds no message text."""
    message = _store(
        member=case.member, case=case, sender=acting_user, is_from_moderators=True, text=text
    )
    forum_services.notification_send_moderation_notice(
        recipient=case.member,
        text=_("The moderators wrote to you. You can read it and reply in your messages."),
        acting_user=acting_user,
        link=reverse("moderation:support"),
    )
    return message


def _case_for_reply(member) -> Case | None:
    """The member's open case the moderators wrote from, else the latest one they wrote from."""
    cases = Case.objects.filter(support_messages__member=member).distinct()
    return (
        cases.filter(state__in=(CaseState.OPEN, CaseState.CLAIMED)).order_by("-opened_at").first()
        or cases.order_by("-opened_at").first()
    )


def support_reply(*, member, text: str) -> SupportMessage:
    """The member answers the moderators: the reply joins their case (logged there) and the
    moderator who claimed it is told. Raises ModerationError with nothing lost."""
    text = text.strip()
    if not text:
        raise ModerationError(_("Write your reply first."))
    if len(text) > REPLY_MAX_LENGTH:
        raise ModerationError(
            _("Please keep your reply under %(n)s characters; your text is kept below.")
            % {"n": REPLY_MAX_LENGTH}
        )
    with transaction.atomic():
        case = _case_for_reply(member)
        if case is None:
            raise ModerationError(
                _("The moderators have not written to you, so there is nothing to reply to yet.")
            )
        message = _store(
            member=member, case=case, sender=member, is_from_moderators=False, text=text
        )
        log_case_action(case, acting_user=member, kind=ActionKind.MEMBER_REPLY)
        watcher = case.claimed_by or case.resolved_by
        if watcher is not None and watcher.is_active:
            forum_services.notification_send_moderation_notice(
                recipient=watcher,
                text=_("%(member)s replied to the moderators on case %(id)s.")
                % {"member": member.handle, "id": case.pk},
                acting_user=None,
                link=reverse("admin:moderation_case_change", args=[case.pk]),
            )
        return message


def support_messages_erase(*, member) -> int:
    """Delete the member's conversation with the moderators (account erasure): it was theirs.
    The case keeps its log entries, which hold no text."""
    deleted, _by_model = SupportMessage.objects.filter(member=member).delete()
    return deleted


def support_mark_read(*, member) -> int:
    """Mark the moderators' messages to the member read; return how many were unread."""
    return SupportMessage.objects.filter(
        member=member, is_from_moderators=True, read_by_member_at__isnull=True
    ).update(read_by_member_at=timezone.now())


def support_messages_reencrypt(*, batch_size: int = 500, unreadable: list | None = None) -> int:
    """Re-encrypt every message with the moderators not under the newest key (key rotation),
    as private messages are; idempotent."""
    return rows_reencrypt(
        SupportMessage,
        conversation_id_of=lambda _row: SUPPORT_CONVERSATION_ID,
        batch_size=batch_size,
        unreadable=unreadable,
    )
