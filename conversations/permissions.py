"""Who may message whom. Refusals never reveal a member's settings, blocks or standing: the
sender reads only that the member isn't accepting messages from them."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.enums import MessagePermission, TrustLevel
from accounts.models import Block
from conversations import hooks
from conversations.enums import MessageStatus, ParticipantState
from conversations.models import Participant

NOT_ACCEPTING = gettext_lazy("%(handle)s isn't accepting messages from you.")


def messaging_is_enabled() -> bool:
    return hooks.messaging_enabled()


def sender_refusal(sender, *, starting: bool) -> str | None:
    """Why `sender` may not write private messages at all right now, or None."""
    if not messaging_is_enabled():
        return _("Private messages are switched off on this site for now. Nothing was deleted.")
    if starting and sender.trust_level == TrustLevel.NEW:
        return _(
            "New members can't start private conversations yet. Once you have been here a few "
            "days and taken part in the forums, you can."
        )
    if hooks.member_locked_out(sender):
        return _("Your account is suspended, so you cannot send messages.")
    return hooks.posting_refusal(sender)


def is_blocked_between(first, second) -> bool:
    return Block.objects.filter(
        Q(blocker=first, blocked=second) | Q(blocker=second, blocked=first)
    ).exists()


def have_replied_to_each_other(first, second) -> bool:
    """Whether one replied in a thread the other started, or they have talked here before.

    Thread replies use the posts-by-author index; quotes and mentions do not count. Both
    queries always run (see `recipient_accepts`).
    """
    # Every contributed answer is asked, whatever the earlier ones said.
    in_threads = any(hooks.replied_in_threads(first, second))
    shared = Participant.objects.filter(user=second, state=ParticipantState.ACCEPTED).values(
        "conversation_id"
    )
    talked = Participant.objects.filter(
        user=first, state=ParticipantState.ACCEPTED, conversation_id__in=shared
    ).exists()
    return in_threads or talked


def recipient_accepts(*, sender, recipient) -> bool:
    """Whether `recipient` takes messages from `sender` (consent, blocks, standing).

    Every check runs whatever the answer, in the same order: a refusal takes the same queries
    (and so about the same time) whether it comes from a block, a suspension or the member's
    setting, so a sender cannot tell them apart by timing their attempts.
    """
    if recipient.pk == sender.pk:
        return False
    locked_out = hooks.member_locked_out(recipient)
    blocked = is_blocked_between(sender, recipient)
    replied = have_replied_to_each_other(sender, recipient)
    choice = recipient.message_permission
    by_setting = {
        MessagePermission.ANYONE: True,
        MessagePermission.TRUSTED: sender.trust_level == TrustLevel.TRUSTED,
        MessagePermission.REPLIED: replied,
    }.get(choice, False)
    return recipient.is_active and not locked_out and not blocked and by_setting


def can_message(sender, recipient) -> bool:
    """For templates: whether the "Send a message" link may be offered."""
    if not sender.is_authenticated or sender.pk == recipient.pk:
        return False
    if sender_refusal(sender, starting=True):
        return False
    return recipient_accepts(sender=sender, recipient=recipient)


def not_accepting_message(recipient) -> str:
    return NOT_ACCEPTING % {"handle": recipient.handle}


def message_has_crisis_signal(message) -> bool:
    """Whether screening (or the submit-time check) heard a crisis signal in `message`."""
    labels = message.screening_labels or []
    return (
        message.is_crisis_at_submit
        or message.screening_verdict == "crisis"
        or any(label.startswith("crisis.") for label in labels)
    )


def can_ask_check_in_for_message(user, message) -> bool:
    """Whether `user` received `message` (with a crisis signal) and so may ask a moderator to
    check in on its sender."""
    if not user.is_authenticated or message.sender_id in (None, user.pk):
        return False
    if message.status != MessageStatus.VISIBLE or not message_has_crisis_signal(message):
        return False
    return Participant.objects.filter(
        conversation_id=message.conversation_id, user=user, left_at__isnull=True
    ).exists()
