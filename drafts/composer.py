"""What every composer (new thread, reply, edit, private message) shares about drafts: the
text to start from, the signed place its draft controls post, and keeping the text of a post
that arrives after the member's session has ended."""

from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from drafts import selectors, services
from drafts.places import Place, copy_fields, fields_from, place_token, place_token_read
from drafts.ratelimits import keep_limit_reached

RESTORE_PARAM = "restore"
# How old a composer page may be for a post sent from it after the session ended to be saved
# as its member's draft (the kept text itself needs no such page).
ANONYMOUS_PLACE_MAX_AGE = timedelta(days=3)
SESSION_ENDED_DRAFT = gettext_lazy(
    "Your session had ended, so nothing was sent. Your text is in your drafts: log in and it "
    "will be back in the form."
)


@dataclass
class ComposerDraft:
    """A composer's draft state: `values` to prefill (empty on a post), the signed `token` for
    the hidden `draft_place` field, and when the draft was last saved."""

    place: Place
    token: str
    values: dict[str, str]
    saved_at: datetime | None = None


def composer_draft(request, place: Place) -> ComposerDraft:
    """The member's text for this composer: on a GET after logging in, the submission kept when
    their session had ended (saved as their draft); otherwise their saved draft."""
    token = place_token(user_id=request.user.pk, place=place, path=request.path)
    state = ComposerDraft(place=place, token=token, values={})
    if request.method != "GET":
        return state
    restore = request.GET.get(RESTORE_PARAM)
    if restore:
        kept = services.kept_submission_take(
            user=request.user, token=restore, path=request.path, session=request.session
        )
        if kept:
            messages.info(
                request,
                _("Your text was kept while you logged in again: check it and send it when ready."),
            )
            try:
                services.draft_save(user=request.user, place=place, fields=kept)
            except services.DraftRefused as refusal:
                messages.warning(request, refusal.message)
            state.values = kept
            return state
    saved = selectors.draft_get_for(user=request.user, place=place)
    if saved is not None:
        state.values, state.saved_at = saved
    return state


def composer_posted(request, place: Place) -> None:
    """The text was posted or sent: its draft is done with."""
    services.draft_discard(user=request.user, place=place)


def keep_text_and_log_in(request, *, path: str):
    """Keep a logged-out form post's text for a day and send the member to log in, then back to
    the composer at `path` with the text (only a signed token travels in the URL)."""
    fields = fields_from(request.POST)
    target = path
    if any(value.strip() for value in fields.values()):
        owner, place = _owner_of(request)
        is_draft = False
        if owner is not None:
            # Also the member's draft, so it outlives the day a kept text lasts: they may come
            # back on another device, or after a suspension. Refused (full, too long): the
            # kept text below still brings it back after logging in.
            with suppress(services.DraftRefused):
                is_draft = services.draft_save(user=owner, place=place, fields=fields) is not None
        try:
            if keep_limit_reached(request):
                raise services.DraftRefused(
                    _("Many texts were kept from this connection just now, so this one was not.")
                )
            token = services.kept_submission_create(
                path=path, fields=fields, owner=owner, session=request.session
            )
        except services.DraftRefused as refusal:
            if is_draft:
                messages.info(request, SESSION_ENDED_DRAFT)
                return redirect_to_login(path)
            # At worst, the text in boxes to copy.
            context = {
                "reason": refusal.message,
                "copy_fields": copy_fields(fields),
                "login_url": redirect_to_login(path)["Location"],
            }
            return render(request, "drafts/not_kept.html", context, status=403)
        target = f"{path}?{urlencode({RESTORE_PARAM: token})}"
        messages.info(
            request,
            _(
                "Your session had ended, so nothing was sent. Your text is kept: log in and it "
                "will be back in the form."
            ),
        )
    return redirect_to_login(target)


def _owner_of(request) -> tuple:
    """(member, place) a logged-out post's composer was rendered for, from its signed place
    (a page left open a few days at most), or (None, None)."""
    signed = place_token_read(request.POST.get("draft_place", ""), max_age=ANONYMOUS_PLACE_MAX_AGE)
    if signed is None:
        return None, None
    owner = User.objects.filter(pk=signed.user_id, is_active=True).first()
    return owner, signed.place


def login_required_keeping_text(view):
    """`login_required` for composers: a post from a browser whose session has ended keeps its
    text through the login instead of losing it."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.method == "POST":
            return keep_text_and_log_in(request, path=request.path)
        return redirect_to_login(request.get_full_path())

    return wrapper
