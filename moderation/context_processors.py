from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from accounts.request_state import member_cached_state
from accounts.selectors import safety_plan_for
from moderation.helplines import helplines_for_request
from moderation.selectors import crisis_case_seen_by_moderator, support_summary_for
from moderation.standing import (
    CRISIS_BAR_HIDDEN_SESSION_KEY,
    CRISIS_SUPPORT_SESSION_KEY,
    rules_banner_needed,
)


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
    """Help that stays. The full panel once, on the page after writing something with crisis
    language; then, while the member's crisis window is open, a calm bar on every page (they
    may hide it for the session). Helplines and the case are read only when shown."""
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    if session is None or user is None or not user.is_authenticated:
        return {}
    offer = session.pop(CRISIS_SUPPORT_SESSION_KEY, None)
    window_open = user.crisis_help_until is not None and user.crisis_help_until > timezone.now()
    if not offer and not window_open:
        return {}
    offer = offer if isinstance(offer, dict) else ({"about": "post"} if offer else None)
    return {
        "offer_crisis_support": offer,
        "crisis_help_bar": window_open and not session.get(CRISIS_BAR_HIDDEN_SESSION_KEY),
        "crisis_is_acute": bool((offer or {}).get("is_acute")) or user.crisis_help_is_acute,
        "crisis_helplines": SimpleLazyObject(lambda: helplines_for_request(request)),
        "crisis_case_seen": SimpleLazyObject(lambda: crisis_case_seen_by_moderator(user)),
        "crisis_support_thread": SimpleLazyObject(lambda: support_summary_for(user)),
        # The member's own plan, at the top of the panel (read only when the panel shows).
        "safety_plan": SimpleLazyObject(lambda: safety_plan_for(user) or {}),
    }
