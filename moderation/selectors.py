"""Read queries for moderation."""

from django.db.models import QuerySet

from moderation.models import Rule, RulesVersion


def current_rules_version() -> int:
    """Return the number of the newest published rules version (1 before any is published)."""
    latest = RulesVersion.objects.order_by("-number").values_list("number", flat=True).first()
    return latest or 1


def rule_list_active() -> QuerySet[Rule]:
    return Rule.objects.filter(is_active=True)
