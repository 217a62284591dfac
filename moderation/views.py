"""Member-facing moderation pages: rules, help, reports, decisions and appeals, transparency."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from accounts.ratelimit import member_or_client_key
from accounts.selectors import member_get_by_handle, safety_plan_for
from accounts.services import user_set_country
from conversations import selectors as conversation_selectors
from conversations import services as conversation_services
from core.converters import IdConverter
from forums.selectors import post_get_visible, thread_get_visible
from forums.support import first_reply_report_cached
from moderation import services
from moderation.enums import ReportReason, TargetKind
from moderation.forms import (
    AppealForm,
    CountryForm,
    MessageReportForm,
    ReportForm,
    SupportReplyForm,
)
from moderation.helplines import COUNTRY_COOKIE, COUNTRY_COOKIE_MAX_AGE, helplines_for_request
from moderation.models import ModerationAction
from moderation.robots import ROBOTS_HEADERS, robots_txt_text
from moderation.selectors import (
    current_rules_version,
    member_handle_exists,
    rule_list_active,
    support_thread_for,
    transparency_report,
)
from moderation.standing import CRISIS_BAR_HIDDEN_SESSION_KEY

REPORT_RATE = "10/h"


def rules(request):
    """The community rules, numbered, with the current version."""
    return render(
        request,
        "moderation/rules.html",
        {"rules": rule_list_active(), "rules_version": current_rules_version()},
    )


@login_required
@require_POST
def rules_accept(request):
    services.rules_accept(user=request.user)
    messages.success(request, _("Thank you for reading the updated rules."))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("forums:index")
    return redirect(next_url)


def get_help(request):
    """Get help now: the visitor's country's lines first, for visitors too; no third parties."""
    choice = helplines_for_request(request)
    picker = CountryForm(initial={"country": choice.country})
    response = render(
        request,
        "moderation/help.html",
        {
            "helplines": choice,
            "picker": picker,
            "report_reason": ReportReason.AT_RISK,
            "safety_plan": safety_plan_for(request.user) or {},
        },
    )
    # The page depends on the member's profile and language; never cache it for others.
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@require_POST
def help_remember_country(request):
    """Remember the country for the help lines (empty forgets it): a member's in their private
    setting, a visitor's in a cookie that only this site reads."""
    form = CountryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a country from the list."))
        return redirect("moderation:help")
    country = form.cleaned_data["country"]
    response = redirect("moderation:help")
    if request.user.is_authenticated:
        user_set_country(user=request.user, country=country)
    elif country:
        response.set_cookie(
            COUNTRY_COOKIE,
            country,
            max_age=COUNTRY_COOKIE_MAX_AGE,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    else:
        response.delete_cookie(COUNTRY_COOKIE)
    if country:
        messages.success(request, _("Saved. Lines for your country will be shown first."))
    else:
        messages.success(request, _("Your country is forgotten."))
    return response


@login_required
@require_POST
def help_check_in(request):
    """ "Ask a moderator to check in with me": open or raise a crisis case about the member."""
    services.crisis_check_in_request(member=request.user)
    messages.success(
        request,
        _(
            "Thank you for asking. A moderator will reach out to you privately here, in your "
            "notifications, as soon as they can. If you need someone right now, the lines "
            "below are there for you."
        ),
    )
    return redirect("moderation:help")


def help_worried(request):
    """Worried about a member: go to the report form with “someone may be at risk” chosen."""
    handle = (request.GET.get("handle") or "").strip().lstrip("@")
    if not member_handle_exists(handle=handle):
        if handle:
            messages.error(
                request,
                _(
                    "No member is called “%(handle)s”. Check the name, or use “Report” on "
                    "their post."
                )
                % {"handle": handle},
            )
        return redirect(f"{reverse('moderation:help')}#worried")
    url = reverse("moderation:report", kwargs={"kind": TargetKind.MEMBER, "key": handle})
    return redirect(f"{url}?{urlencode({'reason': ReportReason.AT_RISK})}")


def _report_target(request, kind: str, key: str):
    if kind in (TargetKind.POST, TargetKind.THREAD):
        try:
            pk = IdConverter().to_python(key) if key.isascii() and key.isdigit() else None
        except ValueError:
            pk = None
        if pk is None:
            raise Http404  # /report/post/abc/: no such post, not a server error
        getter = post_get_visible if kind == TargetKind.POST else thread_get_visible
        return getter(user=request.user, pk=pk)
    if kind == TargetKind.MEMBER:
        return member_get_by_handle(handle=key)
    raise Http404


def _report_limit_reached(request, form) -> bool:
    """Whether this member has sent too many reports lately (counting this one); if so the form
    says so and keeps their note."""
    if not is_ratelimited(
        request,
        group="moderation.report",
        key=member_or_client_key,
        rate=REPORT_RATE,
        increment=True,
    ):
        return False
    form.add_error(
        None,
        _(
            "You have sent a lot of reports in a short time. Please wait a while before "
            "sending more; your note is kept below."
        ),
    )
    return True


@login_required
def report(request, kind: str, key: str):
    """Report a post, thread or member; the reported member never learns who reported."""
    target = _report_target(request, kind, key)
    form = ReportForm(request.POST or None, initial={"reason": request.GET.get("reason")})
    if request.method == "POST" and form.is_valid() and not _report_limit_reached(request, form):
        try:
            services.report_create(
                reporter=request.user, target_kind=kind, target=target, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("moderation:report_sent")
    return render(request, "moderation/report.html", {"form": form, "target": target, "kind": kind})


@login_required
@require_http_methods(["GET", "POST"])
def message_report(request, pk: int):
    """Report one private message (at conversations:report); only it, and any earlier messages
    the reporter chooses, reach the moderators."""
    message = conversation_selectors.message_get_for(user=request.user, pk=pk)
    form = MessageReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not _report_limit_reached(request, form):
        try:
            conversation_services.message_report(
                reporter=request.user, message=message, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("moderation:report_sent")
    context = {"form": form, "message": message}
    response = render(request, "moderation/message_report.html", context)
    # Private like the conversation itself: never cached on the way, never indexed.
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@login_required
def report_sent(request):
    return render(request, "moderation/report_sent.html")


@login_required
def decision(request, pk: int):
    """A decision about the member, with the rules cited and a one-time appeal."""
    entry = get_object_or_404(ModerationAction, pk=pk, member=request.user)
    can_appeal = services.can_appeal(member=request.user, entry=entry)
    form = AppealForm(request.POST or None)
    if request.method == "POST" and can_appeal and form.is_valid():
        try:
            services.appeal_create(member=request.user, entry=entry, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Your appeal was sent. A different moderator will look "
                    "at the decision again and you will be notified."
                ),
            )
            return redirect("moderation:decision", pk=entry.pk)
    return render(
        request,
        "moderation/decision.html",
        {"entry": entry, "form": form, "can_appeal": can_appeal},
    )


def transparency(request):
    """Monthly counts of moderation actions by kind and by rule; no identities, no content."""
    context = {"months": transparency_report(), "first_replies": first_reply_report_cached()}
    return render(request, "moderation/transparency.html", context)


@require_POST
def help_bar_hide(request):
    """Hide the help bar for the rest of this session (the help page stays one click away)."""
    request.session[CRISIS_BAR_HIDDEN_SESSION_KEY] = True
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("forums:index")
    return redirect(next_url)


@login_required
@require_http_methods(["GET", "POST"])
def support_conversation(request):
    """The member's conversation with "the moderators": read it, and reply."""
    form = SupportReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.support_reply(member=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error("text", error.messages[0])
        else:
            messages.success(
                request, _("Sent. The moderators will read it; you don’t need to wait here.")
            )
            return redirect("moderation:support")
    thread = support_thread_for(request.user)
    if not thread["messages"]:
        raise Http404  # nothing to show: the moderators never wrote to this member
    services.support_mark_read(member=request.user)
    response = render(request, "moderation/support.html", {"thread": thread, "form": form})
    response.headers["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def robots_txt(request):
    """What crawlers may index: never member profiles, members-only forums, messages or
    settings; with the operators' "nothing" policy, nothing at all."""
    return HttpResponse(
        robots_txt_text(), content_type="text/plain; charset=utf-8", headers=ROBOTS_HEADERS
    )
