from django.utils.functional import SimpleLazyObject

from moderation.selectors import member_needs_rules_acceptance


def rules_banner(request):
    """Ask members to re-accept the rules after a significant change (no query for visitors)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"rules_need_acceptance": SimpleLazyObject(lambda: member_needs_rules_acceptance(user))}
