from allauth.account.views import LoginView as AllauthLoginView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts import hooks, services
from accounts.enums import UnsubscribeScope
from accounts.forms import EmailPreferencesForm
from accounts.selectors import (
    member_filters_for,
    member_get_active,
    member_get_by_handle,
    peer_supporter_ids,
    profile_view_for,
    verified_email_for,
)
from accounts.tokens import unsubscribe_token_read

PROFILE_POSTS_SHOWN = 10


def profile(request, handle: str):
    """A member's profile: handle, join month, and exactly the fields, last visit and posts
    they chose to show this viewer. Never the email."""
    member = member_get_by_handle(handle=handle)
    if member.handle != handle:
        return redirect(member, permanent=True)
    shown = profile_view_for(viewer=request.user, member=member)
    posts = []
    if shown.may_see_posts:
        posts = hooks.profile_posts_for(
            viewer=request.user, member=member, limit=PROFILE_POSTS_SHOWN
        )
    filters = member_filters_for(request.user)
    context = {
        "member": member,
        "shown": shown,
        "posts": posts,
        "is_blocked": member.pk in filters.blocked_ids,
        "is_muted": member.pk in filters.muted_member_ids,
        "is_supporter": member.pk in peer_supporter_ids(),
    }
    response = render(request, "accounts/profile.html", context)
    if shown.fields or shown.may_see_last_seen or shown.may_see_posts:
        response.headers["Cache-Control"] = "private, no-store"
    return response


@login_required
def settings_index(request):
    return render(request, "accounts/settings.html")


@login_required
@require_http_methods(["GET", "POST"])
def email_settings(request):
    """The member's email preferences: summaries, immediate emails, quiet hours, time zone."""
    prefs = services.email_preferences_get(user=request.user)
    form = EmailPreferencesForm(request.POST or None, instance=prefs, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.email_preferences_update(
            user=request.user, values=form.cleaned_data, timezone_name=form.cleaned_data["timezone"]
        )
        messages.success(request, _("Your email settings are saved."))
        return redirect("accounts:email_settings")
    context = {
        "form": form,
        "prefs": prefs,
        "has_verified_address": verified_email_for(user_id=request.user.pk) is not None,
    }
    return render(request, "accounts/email_settings.html", context)


@login_required
@require_POST
def email_resume(request):
    """Resume emails that were paused after failed deliveries."""
    services.email_resume(user=request.user)
    messages.success(request, _("Emails are on again. If they fail again, check your address."))
    return redirect("accounts:email_settings")


# No login and no CSRF token: mail providers send the RFC 8058 one-click POST themselves. The
# signed token is the only authority, and it can only turn emails off. GET never changes
# anything (link scanners open links), it asks for the POST.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """Stop digests or notification emails from a signed link, without logging in."""
    wanted = unsubscribe_token_read(token)
    member = member_get_active(user_id=wanted.user_id) if wanted else None
    if member is None:
        return render(request, "accounts/unsubscribe_invalid.html", status=400)
    context = {"scope": wanted.scope, "is_digest": wanted.scope == UnsubscribeScope.DIGEST}
    if request.method == "POST":
        services.email_unsubscribe(user=member, scope=wanted.scope)
        return render(request, "accounts/unsubscribe_done.html", context)
    return render(request, "accounts/unsubscribe_confirm.html", context)


class LoginView(AllauthLoginView):
    """allauth's login, answering 429 (with the form and what was typed) when rate limited."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if any(
            error.code == "too_many_login_attempts" for error in form.non_field_errors().as_data()
        ):
            response.status_code = 429
        return response
