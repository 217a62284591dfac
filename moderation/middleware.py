"""Sanctions take effect immediately: a suspended or banned member's sessions end."""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.request_state import member_cached_state
from moderation.standing import lockout_cached


class SanctionMiddleware:
    """Log out members who are suspended or banned (checked in the cache: no query).

    The first to read the member's cached state, which the page's banners and badge then use.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and lockout_cached(user.pk, cached=member_cached_state(request))
        ):
            logout(request)
            messages.error(request, _("Your account is suspended. You have been logged out."))
            return redirect("account_login")
        return self.get_response(request)
