"""Settings pages for what a member controls: profile and its audiences, blocks and mutes,
healthy use and breaks, export and erasure."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts import hooks, selectors, services
from accounts.enums import MuteKind
from accounts.errors import ProfileNeedsConfirmation, ProfileTextRefused
from accounts.models import User
from accounts.privacy_forms import (
    BreakForm,
    ErasureForm,
    HandleForm,
    MuteForumForm,
    MuteWordsForm,
    ProfileForm,
    WellbeingForm,
)
from accounts.services.data import export_path
from accounts.wellbeing import reminder_dismiss as dismiss


def _private(response):
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _back(request, default: str):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(default)


# --- Profile -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def profile_settings(request):
    """The member's optional profile fields, each with who may see it."""
    profile = selectors.profile_get(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.profile_update(
                user=request.user,
                values=form.cleaned_data,
                confirmed_personal_info=form.cleaned_data["confirm_personal_info"],
            )
        except ProfileNeedsConfirmation as question:
            form.ask_to_confirm_personal_info(question.messages[0])
        except ProfileTextRefused as refusal:
            form.add_error(None, refusal.messages[0])
        else:
            if saved.is_crisis_at_submit:
                hooks.crisis_support_offer(request, about="profile")
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:profile_settings")
    context = {"form": form, "is_text_held": profile.is_text_held}
    return _private(render(request, "accounts/profile_settings.html", context))


# --- Blocks and mutes --------------------------------------------------------------------------


@login_required
def filters_settings(request):
    """Blocked and muted members, muted forums and threads, muted words."""
    user = request.user
    context = {
        "blocks": selectors.block_list_for(user),
        "mutes": selectors.mute_list_for(user),
        "muted_threads": hooks.muted_threads_for(user),
        "mute_words": selectors.mute_word_list_for(user),
        "block_form": HandleForm(prefix="block"),
        "mute_form": HandleForm(prefix="mute"),
        "forum_form": MuteForumForm(forums=hooks.forums_readable_by(user)),
        "words_form": MuteWordsForm(),
    }
    return _private(render(request, "accounts/filters_settings.html", context))


def _member_from_form(request, prefix: str) -> User | None:
    form = HandleForm(request.POST, prefix=prefix)
    if not form.is_valid():
        return None
    return User.objects.filter(handle__iexact=form.cleaned_data["handle"], is_active=True).first()


@login_required
@require_POST
def block(request):
    """Block a member by handle (from settings or their profile)."""
    member = _member_from_form(request, "block")
    if member is None:
        messages.error(request, _("There is no member with that handle."))
        return _back(request, reverse("accounts:filters"))
    try:
        services.block_create(user=request.user, member=member)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _(
                "You blocked %(handle)s. Their posts are folded away for you and they cannot "
                "notify you. They are not told."
            )
            % {"handle": member.handle},
        )
    return _back(request, reverse("accounts:filters"))


@login_required
@require_POST
def unblock(request, member_id: int):
    services.block_delete(user=request.user, member_id=member_id)
    messages.success(request, _("Block removed."))
    return _back(request, reverse("accounts:filters"))


@login_required
@require_POST
def mute(request):
    """Mute a member by handle, or a forum."""
    if "forum" in request.POST:
        form = MuteForumForm(request.POST, forums=hooks.forums_readable_by(request.user))
        if form.is_valid():
            services.mute_forum(user=request.user, forum=form.cleaned_data["forum"])
            messages.success(
                request,
                _("Forum muted: it is left out of the forum list, search and notifications."),
            )
        else:
            messages.error(request, _("Choose a forum you can read."))
        return _back(request, reverse("accounts:filters"))
    member = _member_from_form(request, "mute")
    if member is None:
        messages.error(request, _("There is no member with that handle."))
        return _back(request, reverse("accounts:filters"))
    try:
        services.mute_member(user=request.user, member=member)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("You muted %(handle)s.") % {"handle": member.handle})
    return _back(request, reverse("accounts:filters"))


@login_required
@require_POST
def unmute(request, kind: str, target_id: int):
    """Lift a mute of a member, forum or thread."""
    if kind == "thread":
        hooks.thread_unmute(user=request.user, thread_id=target_id)
    elif kind in MuteKind.values:
        services.mute_delete(user=request.user, kind=kind, target_id=target_id)
    else:
        raise Http404
    messages.success(request, _("Mute removed."))
    return _back(request, reverse("accounts:filters"))


@login_required
@require_POST
def mute_words_add(request):
    form = MuteWordsForm(request.POST)
    if form.is_valid():
        try:
            added = services.mute_words_add(user=request.user, text=form.cleaned_data["words"])
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Muted words saved (%(count)d new).") % {"count": added})
    else:
        messages.error(request, _("That list is too long. Add fewer words at a time."))
    return redirect("accounts:filters")


@login_required
@require_POST
def mute_word_delete(request, word_id: int):
    services.mute_word_delete(user=request.user, word_id=word_id)
    messages.success(request, _("Word removed."))
    return redirect("accounts:filters")


# --- Healthy use -------------------------------------------------------------------------------


def _welcome_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("forums:index")


@login_required
@require_http_methods(["GET", "POST"])
def welcome(request):
    """The first arrival: offer the pause and late-night reminders (off unless chosen), once.

    Saving or "Not now" records that they were offered; either way the member goes on to where
    they were heading.
    """
    user = request.user
    next_url = _welcome_next(request)
    if request.method == "GET" and user.onboarding_done_at is not None:
        return redirect(next_url)
    form = WellbeingForm(
        request.POST if request.POST.get("action") == "save" else None,
        initial={
            "break_reminder_minutes": user.break_reminder_minutes,
            "has_late_night_reminder": user.has_late_night_reminder,
            "late_night_start": user.late_night_start,
            "late_night_end": user.late_night_end,
        },
    )
    if request.method == "POST":
        if request.POST.get("action") != "save":
            services.onboarding_complete(user=user)
            messages.info(
                request,
                _("No reminders for now. You can turn them on any time in Settings."),
            )
            return redirect(next_url)
        if form.is_valid():
            services.onboarding_complete(user=user, values=form.cleaned_data)
            messages.success(request, _("Your reminders are saved. Welcome to Hearth."))
            return redirect(next_url)
    context = {"form": form, "next": next_url}
    return _private(render(request, "accounts/welcome.html", context))


@login_required
@require_http_methods(["GET", "POST"])
def wellbeing_settings(request):
    """Break and late-night reminders, and taking a break."""
    user = request.user
    initial = {
        "break_reminder_minutes": user.break_reminder_minutes,
        "has_late_night_reminder": user.has_late_night_reminder,
        "late_night_start": user.late_night_start,
        "late_night_end": user.late_night_end,
    }
    form = WellbeingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.wellbeing_update(user=user, values=form.cleaned_data)
        messages.success(request, _("Your reminders are saved."))
        return redirect("accounts:wellbeing")
    context = {
        "form": form,
        "break_form": BreakForm(),
        "is_on_break": selectors.member_is_on_break(user),
    }
    return _private(render(request, "accounts/wellbeing_settings.html", context))


@login_required
@require_http_methods(["GET", "POST"])
def take_a_break(request):
    """Start a break (POST), or see the calm "you're on a break" page (GET, also after login)."""
    if request.method == "POST":
        form = BreakForm(request.POST)
        if form.is_valid():
            services.break_start(user=request.user, until=form.until())
            return redirect("accounts:break")
        return redirect("accounts:wellbeing")
    if not selectors.member_is_on_break(request.user):
        return redirect("accounts:wellbeing")
    return _private(render(request, "accounts/on_break.html"))


@login_required
@require_POST
def break_end(request):
    services.break_end(user=request.user)
    messages.success(request, _("Welcome back. Notifications and summaries are on again."))
    return redirect("forums:index")


@require_POST
def reminder_dismiss(request):
    """Hide the pause or late-night reminder for a while (kept in the session only)."""
    if request.user.is_authenticated:
        dismiss(request, kind=request.POST.get("kind", ""))
    return _back(request, reverse("forums:index"))


# --- Your data ---------------------------------------------------------------------------------


@login_required
def data_settings(request):
    """Download your data; delete your account."""
    context = {
        "export": selectors.export_get_current(user=request.user),
        "erasure": selectors.erasure_get_pending(user=request.user),
    }
    return _private(render(request, "accounts/data_settings.html", context))


@login_required
@require_POST
def export_request(request):
    _export, created = services.export_request(user=request.user)
    if created:
        messages.success(
            request,
            _("We are preparing your archive. You will get a notification and an email."),
        )
    else:
        messages.info(request, _("Your archive was already requested: here is the same one."))
    return redirect("accounts:data")


@never_cache
@login_required
def export_download(request, token: str):
    """Your archive, for 7 days, only to you: someone else's or an expired link is a 404."""
    export = selectors.export_get_downloadable(user=request.user, token=token)
    path = export_path(export)
    if not path.is_file():
        raise Http404
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"hearth-data-{timezone.localdate():%Y-%m-%d}.zip",
        content_type="application/zip",
    )
    return _private(response)


@login_required
@require_http_methods(["GET", "POST"])
def erase_account(request):
    """Delete your account after re-entering your password (and 2FA code)."""
    form = ErasureForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        erasure = services.erasure_request(user=request.user, mode=form.cleaned_data["mode"])
        country = hooks.helpline_country_for_request(request)
        logout(request)
        request.session["erasure_scheduled_for"] = erasure.scheduled_for.isoformat()
        # Kept past the logout: the confirmation shows a member at risk their own lines.
        request.session["erasure_help"] = {"at_risk": erasure.is_at_risk, "country": country}
        return redirect("accounts:erasure_scheduled")
    return _private(render(request, "accounts/erase_account.html", {"form": form}))


def erasure_scheduled(request):
    """After the request: the account is erased on this date unless they log in before."""
    scheduled_for = request.session.get("erasure_scheduled_for")
    if not scheduled_for:
        return redirect("forums:index")
    help_for = request.session.get("erasure_help") or {}
    context = {
        "scheduled_for": datetime.fromisoformat(scheduled_for),
        "is_at_risk": help_for.get("at_risk", False),
        "helplines": hooks.helplines_for_country(help_for.get("country", "")),
    }
    return _private(render(request, "accounts/erasure_scheduled.html", context))
