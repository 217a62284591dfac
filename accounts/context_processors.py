from accounts.cache_keys import EMAIL_PAUSED
from accounts.request_state import member_cached_state
from accounts.wellbeing import reminders_for


def email_status(request):
    """Whether the member's emails are paused after failed deliveries (for the banner).

    Read from the cache (with the member's other cached state), where the pausing service sets
    it, so pages cost no extra query; the email settings page reads the database and shows the
    same state.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"email_is_paused": False}
    key = EMAIL_PAUSED.key(user_id=user.pk)
    return {"email_is_paused": bool(member_cached_state(request).get(key))}


def wellbeing(request):
    """The healthy-use banners: pause and late-night reminders, a break (no query)."""
    return {"reminders": reminders_for(request)}
