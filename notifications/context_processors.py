from django.utils.functional import SimpleLazyObject

from accounts.request_state import member_cached_state
from notifications.selectors import notification_unread_counts


def notifications(request):
    """Expose the member's unread notification and conversation counts: none of them a query
    when nothing is unread (the request's cached state says so), one or two otherwise, and
    nothing for visitors."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notification_count": 0, "unread_conversation_count": 0}
    counts = SimpleLazyObject(
        lambda: list(notification_unread_counts(user, cached=member_cached_state(request)))
    )
    return {
        "unread_notification_count": SimpleLazyObject(lambda: counts[0]),
        "unread_conversation_count": SimpleLazyObject(lambda: counts[1]),
    }
