import zoneinfo

from django.utils import timezone

from accounts.wellbeing import activity_track


class MemberTimezoneMiddleware:
    """Show times in the member's own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.timezone:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.timezone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)


class WellbeingMiddleware:
    """Track continuous activity in the session for the pause reminder (members who asked)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        activity_track(request)
        return self.get_response(request)
