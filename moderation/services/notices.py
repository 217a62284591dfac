"""What members are told about decisions that affect them."""

from django.urls import reverse
from django.utils.translation import gettext as _

from forums import services as forum_services
from moderation.models import ModerationAction


def decision_notice_text(entry: ModerationAction) -> str:
    """The member-facing text of a decision: what happened, which rules, the message."""
    parts = [str(entry.get_kind_display()) + "."]
    if entry.rules:
        rules = "; ".join(
            _("rule %(number)s: %(title)s") % {"number": rule["number"], "title": rule["title"]}
            for rule in entry.rules
        )
        parts.append(_("Because of %(rules)s.") % {"rules": rules})
    if entry.message:
        parts.append(_("The moderator wrote: %(message)s") % {"message": entry.message})
    parts.append(_("You can read the decision and appeal it once."))
    return " ".join(parts)


def notify_member_of_decision(entry: ModerationAction, *, post=None, thread=None) -> None:
    """Send the affected member a moderation notice linking to the decision page."""
    if entry.member is None:
        return
    forum_services.notification_send_moderation_notice(
        recipient=entry.member,
        text=decision_notice_text(entry),
        acting_user=entry.actor,
        thread=thread,
        post=post,
        link=reverse("moderation:decision", kwargs={"pk": entry.pk}),
    )
