"""Sanctions take effect immediately: a suspended or banned member's sessions end."""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext as _

from accounts.request_state import member_cached_state
from moderation.standing import member_locked_out


class SanctionMiddleware:
    """Log out members who are suspended or banned (checked in the cache: no query; in the
    database while Redis is away).

    The first to read the member (and their cached state, which the page's banners and badge
    then use): from here on `request.user` is the member itself, not Django's lazy wrapper,
    which forwards each of the hundreds of attribute reads a page makes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if isinstance(user, LazyObject):
            if user._wrapped is empty:
                user._setup()
            user = request.user = user._wrapped
        if (
            user is not None
            and user.is_authenticated
            and member_locked_out(user, cached=member_cached_state(request))
        ):
            logout(request)
            messages.error(request, _("Your account is suspended. You have been logged out."))
            return redirect("account_login")
        return self.get_response(request)
