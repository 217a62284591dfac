from django.utils.functional import SimpleLazyObject

from accounts.request_state import member_cached_state
from accounts.selectors import safety_plan_for
from moderation.helplines import helplines_for_request
from moderation.standing import CRISIS_SUPPORT_SESSION_KEY, rules_banner_needed


def rules_banner(request):
    """Ask members to re-accept the rules after a significant change (from the cache; nothing
    for visitors)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "rules_need_acceptance": SimpleLazyObject(
            lambda: rules_banner_needed(user, cached=member_cached_state(request))
        )
    }


def crisis_support(request):
    """Show the help panel once, on the page after a post with crisis language, with the
    member's local helplines (queried only then)."""
    session = getattr(request, "session", None)
    if session is None or CRISIS_SUPPORT_SESSION_KEY not in session:
        return {}
    user = getattr(request, "user", None)
    return {
        "offer_crisis_support": session.pop(CRISIS_SUPPORT_SESSION_KEY),
        "crisis_helplines": SimpleLazyObject(lambda: helplines_for_request(request)),
        # The member's own plan, at the top of the panel (read only when the panel shows).
        "safety_plan": SimpleLazyObject(lambda: safety_plan_for(user) or {}),
    }
