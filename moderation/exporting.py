"""A member's moderation records for their data export."""

from moderation.models import Appeal, ModerationAction, Report, Sanction
from moderation.selectors import support_thread_for


def _rows(queryset, *fields) -> list[dict]:
    return [dict(row) for row in queryset.values(*fields)]


def _conversation_with_moderators(user) -> list[dict]:
    # "The moderators" as a team, as the member saw it: never which moderator wrote.
    return [
        {
            "from": "the moderators" if row["is_from_moderators"] else "you",
            "created_at": row["created_at"],
            "text": row["text"],
        }
        for row in support_thread_for(user)["messages"]
    ]


def member_moderation_for_export(user) -> dict:
    """The moderation records that are the member's own, for their data export (accounts'
    `export_sections` hook): what they wrote and what they were told, never moderators' notes,
    internal reasons, who decided or who reported them."""
    return {
        "conversation_with_moderators": _conversation_with_moderators(user),
        # Reports the member filed: their own words. Never reports about them.
        "reports_filed": _rows(
            Report.objects.filter(reporter=user).order_by("created_at"),
            "created_at",
            "reason",
            "rule__title",
            "note",
            "case__target_kind",
            "case__state",
        ),
        "sanctions_received": _rows(
            Sanction.objects.filter(member=user).order_by("starts_at"),
            "kind",
            "starts_at",
            "ends_at",
            "rules",
            "message",
            "lifted_at",
        ),
        # Decisions the member was told of: the message to them and the rules cited, not the
        # moderators' internal reason or who decided.
        "decisions_notified": _rows(
            ModerationAction.objects.filter(member=user).exclude(message="").order_by("created_at"),
            "created_at",
            "kind",
            "rules",
            "message",
        ),
        "appeals_filed": _rows(
            Appeal.objects.filter(member=user).order_by("created_at"), "created_at", "text"
        ),
    }
