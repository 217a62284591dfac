"""Sanctions take effect immediately: a suspended or banned member's sessions end."""

from django.contrib import messages
from django.contrib.auth import get_user, logout
from django.shortcuts import redirect
from django.utils.functional import LazyObject
from django.utils.translation import gettext as _

from accounts.request_state import member_cached_state
from drafts.places import fields_from, place_token_read
from drafts.services import DraftRefused, draft_save
from moderation.robots import is_never_indexed
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
            # Load the member ourselves (Django's lazy wrapper has not loaded it yet: no
            # middleware before this one reads it) and put them in the wrapper's place.
            user = request.user = get_user(request)
        if (
            user is not None
            and user.is_authenticated
            and member_locked_out(user, cached=member_cached_state(request))
        ):
            kept = _keep_posted_text(request, user)
            logout(request)
            messages.error(request, _("Your account is suspended. You have been logged out."))
            if kept:
                messages.info(request, _("What you were sending is kept in your drafts."))
            return redirect("account_login")
        return self.get_response(request)


def _keep_posted_text(request, user) -> bool:
    """Keep a composer's text as the member's draft before their session ends (the suspension
    is not a reason to lose what they wrote); return whether there was any."""
    if request.method != "POST":
        return False
    signed = place_token_read(request.POST.get("draft_place", ""))
    if signed is None or signed.user_id != user.pk:
        return False
    try:
        return (
            draft_save(user=user, place=signed.place, fields=fields_from(request.POST)) is not None
        )
    except DraftRefused:
        return False


class NoIndexMiddleware:
    """Member profiles, messages, settings and the like send `X-Robots-Tag: noindex` (the
    forum and thread views add it themselves for members-only and private forums)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_never_indexed(request.path):
            response["X-Robots-Tag"] = "noindex"
        return response
