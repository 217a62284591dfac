from django.core.cache import cache

from accounts.services import EMAIL_PAUSED_CACHE_KEY


def email_status(request):
    """Whether the member's emails are paused after failed deliveries (for the banner).

    Read from the cache, where the pausing service sets it, so pages cost no extra query; the
    email settings page reads the database and shows the same state.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"email_is_paused": False}
    return {"email_is_paused": bool(cache.get(EMAIL_PAUSED_CACHE_KEY.format(user_id=user.pk)))}


def wellbeing(request):
    """The healthy-use banners: pause and late-night reminders, a break (no query)."""
    from accounts.wellbeing import reminders_for

    return {"reminders": reminders_for(request)}
