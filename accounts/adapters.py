from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import hooks, selectors, services
from accounts.ratelimit import hashed_client_address


def login_notices(request, user) -> str | None:
    """On login: cancel a pending erasure (and say so); return where a member on a break goes."""
    if services.erasure_cancel(user=user):
        messages.info(
            request,
            _(
                "Welcome back. Because you logged in, your account will not be deleted. "
                "You can ask again from Settings at any time."
            ),
        )
    if selectors.member_is_on_break(user):
        return reverse("accounts:break")
    return None


class AccountAdapter(DefaultAccountAdapter):
    """allauth customisation: hashed client addresses, operator switch for sign-ups."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": gettext_lazy(
            "Please take a short pause: there have been too many attempts to log in. "
            "To keep accounts safe, wait a few minutes and try again."
        ),
    }

    def get_client_ip(self, request) -> str:
        # allauth keys its rate limits (and anything else) by this value: never a raw IP.
        return hashed_client_address(request)

    def pre_login(self, request, user, **kwargs):
        """Refuse the login of a suspended or banned member, saying until when."""
        lockout = hooks.member_lockout(user)
        if lockout is not None:
            # Forget the attempt entirely (allauth's record of the password just checked and any
            # pending login stage): the visitor is not logged in and keeps nothing of it.
            request.session.flush()
            return render(request, "account/suspended.html", {"sanction": lockout}, status=403)
        return super().pre_login(request, user, **kwargs)

    def post_login(self, request, user, **kwargs):
        """Logging in cancels a pending account erasure (and says so); a member on a break
        lands on the calm "you're on a break" page; a member arriving for the first time is
        offered the healthy-use reminders first, then goes where they were heading."""
        on_break_url = login_notices(request, user)
        response = super().post_login(request, user, **kwargs)
        if not isinstance(response, HttpResponseRedirect):
            return response
        if on_break_url is not None:
            return HttpResponseRedirect(on_break_url)
        if user.onboarding_done_at is None:
            welcome = reverse("accounts:welcome")
            return HttpResponseRedirect(f"{welcome}?next={quote(response.url, safe='/')}")
        return response

    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "SIGNUP_OPEN", True)
