"""Every write on private conversations: start, send, answer a request, leave, read, report,
moderate, screen, erase and re-encrypt. Bodies are encrypted before they reach the database."""

import logging

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import MuteKind
from accounts.models import Block, Mute
from conversations import hooks
from conversations.enums import MessageStatus, ParticipantState
from conversations.models import (
    MESSAGE_MAX_LENGTH,
    Conversation,
    Message,
    Participant,
    ReportedMessage,
)
from conversations.permissions import (
    is_blocked_between,
    not_accepting_message,
    recipient_accepts,
    sender_refusal,
)
from conversations.selectors import message_body, messages_before
from core import crypto
from core.enums import ScreeningState
from core.errors import NeedsConfirmation, PostingRefused
from core.tasks import CRISIS_QUEUE, enqueue_on_commit
from notifications.enums import NotificationKind
from notifications.models import Notification
from notifications.selectors import recipient_ids_with_unread
from notifications.services import notifications_create, notifications_mark_read_by_link

logger = logging.getLogger(__name__)

MAX_EARLIER_IN_REPORT = 10
RECENT_FOR_DUPLICATES = 10
# Screening verdicts that put a message before the moderators without a member's report.
MODERATOR_REVIEWED_VERDICTS = ("crisis", "hold", "block")


class MessagingRefused(PostingRefused):
    """The message cannot be sent; the text is kept and the reason shown as is."""


def _check_body(body: str) -> str:
    if not body.strip():
        raise MessagingRefused(_("Write a message first."))
    if len(body) > MESSAGE_MAX_LENGTH:
        raise MessagingRefused(
            _(
                "Messages can be at most %(max)s characters; this one has %(n)s. Your text is "
                "kept: shorten it or send it in two parts."
            )
            % {"max": MESSAGE_MAX_LENGTH, "n": len(body)}
        )
    return body


def _precheck(*, sender, body: str, confirmed_personal_info: bool) -> bool:
    try:
        return hooks.message_precheck(
            author=sender, body=body, confirmed_personal_info=confirmed_personal_info
        )
    except NeedsConfirmation:
        raise
    except PostingRefused as refusal:
        raise MessagingRefused(refusal.message) from refusal


def _message_write(*, conversation: Conversation, sender, body: str, is_crisis: bool) -> Message:
    # The row exists before its ciphertext so the id can be bound into it as associated data;
    # both writes are in the caller's transaction, so plaintext never reaches the database.
    now = timezone.now()
    message = Message.objects.create(
        conversation=conversation,
        sender=sender,
        ciphertext=b"",
        key_id="",
        created_at=now,
        is_crisis_at_submit=is_crisis,
    )
    message.ciphertext, message.key_id = crypto.encrypt(
        body, message_id=message.pk, conversation_id=conversation.pk
    )
    message.save(update_fields=["ciphertext", "key_id"])
    Conversation.objects.filter(pk=conversation.pk).update(
        last_message_at=now, message_count=F("message_count") + 1
    )
    Participant.objects.filter(conversation=conversation, user=sender).update(last_read_at=now)
    from conversations.tasks import screen_message  # noqa: PLC0415  (conversations.tasks imports this module)

    options = {"queue": CRISIS_QUEUE} if is_crisis else {}
    enqueue_on_commit(screen_message, message.pk, **options)
    return message


def _notify(*, conversation: Conversation, sender, recipient_ids) -> None:
    """In-app notification, at most one unread per conversation; none for a muted sender."""
    link = conversation.get_absolute_url()
    muted = set(
        Mute.objects.filter(
            kind=MuteKind.MEMBER, member=sender, user_id__in=recipient_ids
        ).values_list("user_id", flat=True)
    )
    waiting = recipient_ids_with_unread(
        recipient_ids=recipient_ids, kind=NotificationKind.MESSAGE, link=link
    )
    notify_ids = [u for u in recipient_ids if u not in muted and u not in waiting]
    # Only members who turned message emails on get one, grouped with their other emails.
    notifications_create(
        notifications=[
            Notification(
                recipient_id=user_id, kind=NotificationKind.MESSAGE, actor=sender, link=link
            )
            for user_id in notify_ids
        ]
    )


def conversation_start(
    *, sender, recipients: list, body: str, confirmed_personal_info: bool = False
) -> Conversation:
    """Start a conversation: the first message is a request to each recipient.

    Raises MessagingRefused (or NeedsConfirmation) with nothing saved. Sets
    `is_crisis_at_submit` on the returned conversation.
    """
    refusal = sender_refusal(sender, starting=True)
    if refusal:
        raise MessagingRefused(refusal)
    recipients = list({user.pk: user for user in recipients if user.pk != sender.pk}.values())
    if not recipients:
        raise MessagingRefused(_("Choose who to write to."))
    limit = hooks.max_participants()
    if len(recipients) + 1 > limit:
        raise MessagingRefused(
            _("A conversation can have at most %(n)s members, you included.") % {"n": limit}
        )
    for recipient in recipients:
        if not recipient_accepts(sender=sender, recipient=recipient):
            raise MessagingRefused(not_accepting_message(recipient))
    # A block holds between the recipients too: nobody is put in a conversation with a member
    # they blocked (or who blocked them), where they would read each other's messages. The
    # sender reads the same words as any refusal, naming the later of the two.
    blocked = _blocked_among(recipients)
    if blocked is not None:
        raise MessagingRefused(not_accepting_message(blocked))
    body = _check_body(body)
    is_crisis = _precheck(sender=sender, body=body, confirmed_personal_info=confirmed_personal_info)
    with transaction.atomic():
        now = timezone.now()
        conversation = Conversation.objects.create(started_by=sender, created_at=now)
        Participant.objects.create(
            conversation=conversation, user=sender, state=ParticipantState.ACCEPTED, joined_at=now
        )
        Participant.objects.bulk_create(
            [
                Participant(
                    conversation=conversation,
                    user=recipient,
                    state=ParticipantState.REQUESTED,
                    joined_at=now,
                )
                for recipient in recipients
            ]
        )
        _message_write(conversation=conversation, sender=sender, body=body, is_crisis=is_crisis)
        _notify(conversation=conversation, sender=sender, recipient_ids=[r.pk for r in recipients])
    conversation.is_crisis_at_submit = is_crisis
    return conversation


def _blocked_among(recipients: list):
    """The later recipient of the first pair with a block between them, or None."""
    if len(recipients) < 2:
        return None
    ids = [user.pk for user in recipients]
    pairs = {
        frozenset(pair)
        for pair in Block.objects.filter(Q(blocker_id__in=ids) & Q(blocked_id__in=ids)).values_list(
            "blocker_id", "blocked_id"
        )
    }
    for position, later in enumerate(recipients):
        for earlier in recipients[:position]:
            if frozenset((earlier.pk, later.pk)) in pairs:
                return later
    return None


def _participant_for(*, user, conversation) -> Participant | None:
    return Participant.objects.filter(
        conversation=conversation, user=user, left_at__isnull=True
    ).first()


def message_send(
    *, sender, conversation: Conversation, body: str, confirmed_personal_info: bool = False
) -> Message:
    """Reply in a conversation the sender takes part in (and has accepted).

    Declined recipients never see it (declining is silent). Raises MessagingRefused or
    NeedsConfirmation with nothing saved.
    """
    me = _participant_for(user=sender, conversation=conversation)
    if me is None or me.state == ParticipantState.DECLINED:
        raise MessagingRefused(_("You are no longer in this conversation."))
    if me.state == ParticipantState.REQUESTED:
        raise MessagingRefused(_("Accept this conversation first to reply."))
    refusal = sender_refusal(sender, starting=False)
    if refusal:
        raise MessagingRefused(refusal)
    others = list(
        Participant.objects.filter(conversation=conversation, left_at__isnull=True)
        .exclude(user=sender)
        .select_related("user")
    )
    if not others:
        raise MessagingRefused(_("Everyone else has left this conversation."))
    for other in (participant.user for participant in others):
        if (
            not other.is_active
            or is_blocked_between(sender, other)
            or hooks.member_locked_out(other)
        ):
            raise MessagingRefused(not_accepting_message(other))
    # Declining is silent: the message is kept for the sender and reaches no one who declined.
    recipient_ids = [p.user_id for p in others if p.state != ParticipantState.DECLINED]
    body = _check_body(body)
    is_crisis = _precheck(sender=sender, body=body, confirmed_personal_info=confirmed_personal_info)
    with transaction.atomic():
        message = _message_write(
            conversation=conversation, sender=sender, body=body, is_crisis=is_crisis
        )
        _notify(conversation=conversation, sender=sender, recipient_ids=recipient_ids)
    return message


def request_answer(*, user, conversation: Conversation, accept: bool) -> bool:
    """Accept or decline a first-message request; return whether anything changed.

    Declining is silent: the sender is not told, and the conversation leaves the member's list.
    """
    with transaction.atomic():
        updated = Participant.objects.filter(
            conversation=conversation,
            user=user,
            state=ParticipantState.REQUESTED,
            left_at__isnull=True,
        ).update(
            state=ParticipantState.ACCEPTED if accept else ParticipantState.DECLINED,
            answered_at=timezone.now(),
        )
        if updated and not accept:
            _notifications_read(user=user, conversation=conversation, now=timezone.now())
    return bool(updated)


def conversation_leave(*, user, conversation: Conversation) -> bool:
    """Leave a conversation: it disappears from the member's list; the others keep theirs."""
    now = timezone.now()
    with transaction.atomic():
        updated = Participant.objects.filter(
            conversation=conversation, user=user, left_at__isnull=True
        ).update(left_at=now)
        _notifications_read(user=user, conversation=conversation, now=now)
    return bool(updated)


def _notifications_read(*, user, conversation: Conversation, now) -> None:
    # The header's message badge counts these, so they follow the conversation's read state.
    notifications_mark_read_by_link(
        user=user, kind=NotificationKind.MESSAGE, link=conversation.get_absolute_url(), now=now
    )


def conversation_mark_read(*, user, conversation: Conversation) -> None:
    """Mark the conversation read up to now, and its message notifications with it."""
    now = timezone.now()
    changed = Participant.objects.filter(
        conversation=conversation, user=user, left_at__isnull=True
    ).update(last_read_at=now)
    if changed:
        _notifications_read(user=user, conversation=conversation, now=now)


# --- Reports and moderation ---------------------------------------------------------------------


def message_report(
    *, reporter, message: Message, reason, rule=None, note: str = "", include_earlier: int = 0
):
    """Report one message to the moderators, with up to ten earlier messages if the reporter
    chooses. The case references exactly those messages; nothing else of the conversation.

    Assumes the caller checked that the reporter may read the message.
    """
    include_earlier = max(0, min(int(include_earlier), MAX_EARLIER_IN_REPORT))
    with transaction.atomic():
        report = hooks.report_file(
            reporter=reporter, message=message, reason=reason, rule=rule, note=note
        )
        earlier = messages_before(user=reporter, message=message, limit=include_earlier)
        for item, is_reported in [(message, True), *[(m, False) for m in earlier]]:
            reported_message_attach(
                case=report.case, message=item, report=report, is_reported=is_reported
            )
    return report


def reported_message_attach(*, case, message: Message, report=None, is_reported: bool = False):
    """Put `message` in front of the moderators on `case` (once per case): the console shows a
    case's messages through these rows and nothing else of the conversation."""
    attached, _created = ReportedMessage.objects.get_or_create(
        case=case, message=message, defaults={"report": report, "is_reported": is_reported}
    )
    return attached


def message_release(*, case, acting_user, expected_version=None, reason: str = "") -> None:
    """Deliver a message screening held, and resolve its case as approved (moderation's
    decision, with its case and audit entry)."""
    hooks.message_release(
        case=case, acting_user=acting_user, expected_version=expected_version, reason=reason
    )


def message_remove(
    *, case, acting_user, rules=(), reason: str = "", expected_version=None, message: str = ""
) -> None:
    """Remove a message from its conversation (the others see "removed by the moderators");
    its sender is told which rules, and may appeal once (moderation's decision)."""
    hooks.message_remove(
        case=case,
        acting_user=acting_user,
        rules=rules,
        reason=reason,
        expected_version=expected_version,
        message=message,
    )


def message_unhold(*, message_id: int) -> bool:
    """Deliver a held message to the others again; return whether it was held."""
    return bool(
        Message.objects.filter(pk=message_id, status=MessageStatus.HELD).update(
            status=MessageStatus.VISIBLE
        )
    )


def message_hold(*, message_id: int) -> bool:
    """Hide a delivered message from the others until a moderator releases it; return whether
    it was visible."""
    return bool(
        Message.objects.filter(pk=message_id, status=MessageStatus.VISIBLE).update(
            status=MessageStatus.HELD
        )
    )


def message_take_down(*, message_id: int) -> None:
    """Mark a message removed by the moderators (the others see a placeholder)."""
    Message.objects.filter(pk=message_id).update(status=MessageStatus.REMOVED)


# --- Screening -----------------------------------------------------------------------------------


def message_screen(*, message_id: int) -> bool:
    """Screen one message in full and act on the verdict; idempotent. Returns whether it ran.

    crisis → crisis case (the message stays delivered: crisis never silences the member);
    hold/block → held from the others until a moderator looks; flag → the verdict and labels
    are recorded on the message, but no case unless a crisis signal (concern for someone else)
    raised it: moderators read a private message only when it is reported, crisis-flagged or
    held (a held message needs someone to release it).
    """
    message = Message.objects.select_related("sender").filter(pk=message_id).first()
    if message is None or message.screening_state != ScreeningState.PENDING:
        return False
    if message.status in (MessageStatus.REMOVED, MessageStatus.ERASED):
        return False
    recent = (
        Message.objects.filter(sender=message.sender_id, status=MessageStatus.VISIBLE)
        .exclude(pk=message.pk)
        .order_by("-created_at")[:RECENT_FOR_DUPLICATES]
    )
    action, labels = hooks.message_verdict(
        body=message_body(message),
        author=message.sender,
        recent_bodies=[message_body(item) for item in recent],
    )
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        if locked.screening_state != ScreeningState.PENDING:
            return False
        if action in MODERATOR_REVIEWED_VERDICTS or (
            action == "flag" and any(label.startswith("crisis.") for label in labels)
        ):
            case = hooks.message_case_open(message=locked, action=action, labels=labels)
            reported_message_attach(case=case, message=locked, is_reported=True)
        if action in ("hold", "block"):
            locked.status = MessageStatus.HELD
        locked.screening_state = ScreeningState.SCREENED
        locked.screening_verdict = action
        locked.screening_labels = labels
        locked.screened_at = timezone.now()
        locked.save(
            update_fields=[
                "status",
                "screening_state",
                "screening_verdict",
                "screening_labels",
                "screened_at",
            ]
        )
    return True


def message_screening_failed(*, message_id: int, error: str) -> None:
    """After the last retry: record the failure. The message stays with its participants; no
    moderator is shown it on the strength of a failure alone."""
    logger.error("screening failed for message %s: %s", message_id, error)
    Message.objects.filter(pk=message_id, screening_state=ScreeningState.PENDING).update(
        screening_state=ScreeningState.FAILED, screening_verdict="failed"
    )


# --- Erasure and keys ----------------------------------------------------------------------------


def member_messages_erase(*, user) -> None:
    """With the account: the member's messages lose their text and sender (the others see a
    "removed" placeholder), their participations go, and empty conversations are deleted."""
    Message.objects.filter(sender=user).update(
        ciphertext=b"", key_id="", status=MessageStatus.ERASED, sender=None
    )
    conversation_ids = list(
        Participant.objects.filter(user=user).values_list("conversation_id", flat=True)
    )
    Participant.objects.filter(user=user).delete()
    Conversation.objects.filter(pk__in=conversation_ids, participants__isnull=True).delete()
    Conversation.objects.filter(started_by=user).update(started_by=None)


def messages_reencrypt(*, batch_size: int = 500, unreadable: list | None = None) -> int:
    """Re-encrypt every message not under the newest key, in batches; idempotent.

    Each batch is one transaction with its rows locked, so a crash leaves every row readable
    with one key or the other; running it again carries on. A row that does not authenticate
    (altered in the database) is left as it is and its id appended to `unreadable`, so one bad
    row cannot stop the rotation of all the others.
    """
    return rows_reencrypt(
        Message,
        conversation_id_of=lambda message: message.conversation_id,
        batch_size=batch_size,
        unreadable=unreadable,
    )


def rows_reencrypt(
    model, *, conversation_id_of, batch_size: int = 500, unreadable: list | None = None
) -> int:
    """Re-encrypt the rows of `model` (with `ciphertext` and `key_id`) not under the newest key,
    in locked batches; `conversation_id_of(row)` gives the id bound into each row's cipher."""
    newest = crypto.current_key_id()
    done = 0
    skipped: list[int] = [] if unreadable is None else unreadable
    while True:
        with transaction.atomic():
            batch = list(
                model.objects.select_for_update(skip_locked=True)
                .exclude(key_id=newest)
                .exclude(key_id="")
                .exclude(pk__in=skipped)
                .order_by("pk")[:batch_size]
            )
            if not batch:
                return done
            rotated = []
            for row in batch:
                bound = {"message_id": row.pk, "conversation_id": conversation_id_of(row)}
                try:
                    text = crypto.decrypt(row.ciphertext, key_id=row.key_id, **bound)
                except crypto.MessageTampered:
                    logger.error(
                        "%s %s does not authenticate: not re-encrypted", model.__name__, row.pk
                    )
                    skipped.append(row.pk)
                    continue
                row.ciphertext, row.key_id = crypto.encrypt(text, **bound)
                rotated.append(row)
            model.objects.bulk_update(rotated, ["ciphertext", "key_id"])
            done += len(rotated)
