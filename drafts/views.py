"""The Drafts page, saving a draft (the composers' script and their "Save draft" button),
discarding one, and the page shown when a form's security check fails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from drafts import selectors, services
from drafts.composer import RESTORE_PARAM, keep_text_and_log_in
from drafts.places import copy_fields, fields_from, place_token_read
from drafts.ratelimits import save_limit_reached

SAVING_PAUSED = gettext_lazy(
    "Drafts were saved very often just now, so saving is paused for a minute. Your text is still "
    "here."
)
# The composers whose form the security-check page may offer to send again.
COMPOSER_URL_NAMES = frozenset(
    {
        "forums:thread_create",
        "forums:reply",
        "forums:post_edit",
        "conversations:start",
        "conversations:detail",
    }
)


def _private(response):
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_GET
def draft_list(request):
    """The member's drafts: what, where, when saved; open or discard each."""
    context = {"rows": selectors.draft_list_for(request.user)}
    return _private(render(request, "drafts/list.html", context))


@require_POST
def draft_save(request):
    """Save the composer's text as the member's draft for its signed place.

    `autosave=1` (the script, also on leaving the page) answers JSON; the "Save draft" button
    goes back to the composer, where the draft is shown.
    """
    is_autosave = request.POST.get("autosave") == "1"
    signed = place_token_read(request.POST.get("draft_place", ""))
    if signed is None:
        if is_autosave:
            return JsonResponse({"error": _("This draft cannot be saved here.")}, status=400)
        raise Http404
    if not request.user.is_authenticated:
        if is_autosave:
            message = _("You are logged out, so this draft was not saved. Your text is still here.")
            return JsonResponse({"error": message}, status=401)
        return keep_text_and_log_in(request, path=signed.path)
    if signed.user_id != request.user.pk:
        # Another member's form (a shared computer): never save into their drafts.
        if is_autosave:
            return JsonResponse({"error": _("This form belongs to another account.")}, status=403)
        raise Http404
    fields = fields_from(request.POST)
    if save_limit_reached(request):
        return _not_saved(request, signed, fields, str(SAVING_PAUSED), status=429)
    try:
        draft = services.draft_save(user=request.user, place=signed.place, fields=fields)
    except services.DraftRefused as refusal:
        return _not_saved(request, signed, fields, refusal.message, status=400)
    saved_at = formats.time_format(timezone.localtime(), "TIME_FORMAT")
    if is_autosave:
        if draft is None:
            status = _("The form is empty, so there is no draft to keep.")
        else:
            status = _("Draft saved (%(time)s).") % {"time": saved_at}
        return JsonResponse({"saved": draft is not None, "status": status})
    if draft is None:
        messages.info(request, _("There was nothing to save yet."))
    else:
        messages.success(
            request,
            _(
                "Draft saved. It is here when you come back, on any device, and on your Drafts "
                "page."
            ),
        )
    return redirect(signed.path)


def _not_saved(request, signed, fields: dict, message: str, *, status: int):
    if request.POST.get("autosave") == "1":
        return JsonResponse({"error": message}, status=status)
    # The button's page is the composer: send the text back to it rather than lose it.
    token = services.kept_submission_create(
        path=signed.path, fields=fields, owner=request.user, session=request.session
    )
    messages.error(request, message)
    return redirect(f"{signed.path}?{urlencode({RESTORE_PARAM: token})}")


@login_required
@require_POST
def draft_discard(request, pk: int):
    """Discard one of the member's drafts (from the Drafts page)."""
    if services.draft_discard_by_id(user=request.user, draft_id=pk):
        messages.success(request, _("Draft discarded."))
    return redirect("drafts:list")


@login_required
@require_POST
def draft_discard_place(request):
    """Discard the draft of the composer the member is on, and start again from empty."""
    signed = place_token_read(request.POST.get("draft_place", ""))
    if signed is None or signed.user_id != request.user.pk:
        raise Http404
    if services.draft_discard(user=request.user, place=signed.place):
        messages.success(request, _("Draft discarded."))
    return redirect(signed.path)


def _is_same_origin(request) -> bool:
    # Only a post from our own pages may be offered back with a "send again" button: a forged
    # cross-site post must not put someone else's words in front of the member to send.
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    return bool(source) and url_has_allowed_host_and_scheme(
        source, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def _is_composer(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.view_name in COMPOSER_URL_NAMES


def csrf_failure(request, reason: str = ""):
    """A form's security check failed (an old tab, cookies cleared, logged in again elsewhere):
    show the text again, in the form to send again when it came from one of our composers,
    else in boxes to copy. Never passwords: only the writing fields are echoed."""
    if request.POST.get("autosave") == "1":
        message = _("Your draft could not be saved: reload the page. Your text is still here.")
        return JsonResponse({"error": message}, status=403)
    fields = fields_from(request.POST) if request.method == "POST" else {}
    offer_form = bool(fields) and _is_same_origin(request) and _is_composer(request.path)
    context = {
        "fields": fields,
        "copy_fields": copy_fields(fields),
        "offer_form": offer_form,
        "action": request.path,
    }
    return _private(render(request, "drafts/csrf_failure.html", context, status=403))
