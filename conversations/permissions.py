"""Who may message whom. Refusals never reveal a member's settings, blocks or standing: the
sender reads only that the member isn't accepting messages from them."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.enums import MessagePermission, TrustLevel

NOT_ACCEPTING = gettext_lazy("%(handle)s isn't accepting messages from you.")


def messaging_is_enabled() -> bool:
    from moderation.models import SiteSettings

    return SiteSettings.load().is_messaging_enabled


def sender_refusal(sender, *, starting: bool) -> str | None:
    """Why `sender` may not write private messages at all right now, or None."""
    from moderation.selectors import member_lockout
    from moderation.standing import posting_refusal_reason

    if not messaging_is_enabled():
        return _("Private messages are switched off on this site for now. Nothing was deleted.")
    if starting and sender.trust_level == TrustLevel.NEW:
        return _(
            "New members can't start private conversations yet. Once you have been here a few "
            "days and taken part in the forums, you can."
        )
    if member_lockout(sender) is not None:
        return _("Your account is suspended, so you cannot send messages.")
    return posting_refusal_reason(sender)


def is_blocked_between(first, second) -> bool:
    from accounts.models import Block

    return Block.objects.filter(
        Q(blocker=first, blocked=second) | Q(blocker=second, blocked=first)
    ).exists()


def have_replied_to_each_other(first, second) -> bool:
    """Whether one replied in a thread the other started, or they have talked here before.

    Thread replies use the posts-by-author index; quotes and mentions do not count.
    """
    from conversations.enums import ParticipantState
    from conversations.models import Participant
    from forums.models import Post

    if Post.objects.filter(
        Q(author=first, thread__author=second) | Q(author=second, thread__author=first)
    ).exists():
        return True
    shared = Participant.objects.filter(user=second, state=ParticipantState.ACCEPTED).values(
        "conversation_id"
    )
    return Participant.objects.filter(
        user=first, state=ParticipantState.ACCEPTED, conversation_id__in=shared
    ).exists()


def recipient_accepts(*, sender, recipient) -> bool:
    """Whether `recipient` takes messages from `sender` (consent, blocks, standing)."""
    from moderation.selectors import member_lockout

    if recipient.pk == sender.pk or not recipient.is_active:
        return False
    if member_lockout(recipient) is not None:
        return False
    if is_blocked_between(sender, recipient):
        return False
    choice = recipient.message_permission
    if choice == MessagePermission.ANYONE:
        return True
    if choice == MessagePermission.TRUSTED:
        return sender.trust_level == TrustLevel.TRUSTED
    if choice == MessagePermission.REPLIED:
        return have_replied_to_each_other(sender, recipient)
    return False


def can_message(sender, recipient) -> bool:
    """For templates: whether the "Send a message" link may be offered."""
    if not sender.is_authenticated or sender.pk == recipient.pk:
        return False
    if sender_refusal(sender, starting=True):
        return False
    return recipient_accepts(sender=sender, recipient=recipient)


def not_accepting_message(recipient) -> str:
    return NOT_ACCEPTING % {"handle": recipient.handle}
