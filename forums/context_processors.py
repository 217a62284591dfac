from django.utils.functional import SimpleLazyObject

from forums.selectors import notification_unread_count


def notifications(request):
    """Expose the member's unread notification count: one query, and none for visitors."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notification_count": 0}
    return {"unread_notification_count": SimpleLazyObject(lambda: notification_unread_count(user))}
