"""Peer support pages: threads waiting for a first reply, and the peer supporter's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.selectors import is_peer_supporter
from forums import hooks, permissions
from forums.forms import CheckInRequestForm
from forums.ratelimits import limit_reached
from forums.support import unanswered_after, waiting_threads_for
from forums.views.common import noindex
from forums.views.display import time_tag


def _waiting_rows(user) -> list:
    threads = waiting_threads_for(user)
    for thread in threads:
        thread.started = time_tag(thread.created_at)
    return threads


@login_required
def waiting(request):
    """Threads in support forums nobody has answered yet (trusted members, supporters)."""
    permissions.check_see_waiting_list(request.user)
    context = {
        "threads": _waiting_rows(request.user),
        "hours": int(unanswered_after().total_seconds() // 3600),
    }
    response = render(request, "forums/waiting.html", context)
    response.headers["Cache-Control"] = "private, no-cache"
    return noindex(response)


@login_required
@require_http_methods(["GET", "POST"])
def supporter_page(request):
    """The peer supporter's page: the waiting list, their check-in requests, guidance, and the
    form to ask a moderator to check in on someone. 404 for anyone who is not a supporter."""
    if not is_peer_supporter(request.user):
        raise Http404
    form = CheckInRequestForm(request.POST or None, initial={"handle": request.GET.get("handle")})
    if request.method == "POST" and form.is_valid():
        if limit_reached(request, "check_in_request"):
            form.add_error(
                None,
                _(
                    "You have asked for a lot of check-ins in a short time. Please wait a "
                    "while; your note is kept below. If someone is in danger now, call the "
                    "emergency number."
                ),
            )
        elif form.member.pk == request.user.pk:
            form.add_error(
                "handle",
                _("To ask for a check-in for yourself, use “Get help now”; your note is kept."),
            )
        else:
            hooks.check_in_request(
                supporter=request.user, member=form.member, note=form.cleaned_data["note"]
            )
            messages.success(
                request,
                _(
                    "Thank you. A moderator will check in with %(handle)s; they will not be "
                    "told who asked."
                )
                % {"handle": form.member.handle},
            )
            return redirect("forums:supporters")
    context = {
        "form": form,
        "threads": _waiting_rows(request.user),
        "hours": int(unanswered_after().total_seconds() // 3600),
        "requests": hooks.check_in_requests_raised_by(request.user),
    }
    response = render(request, "forums/supporters.html", context)
    response.headers["Cache-Control"] = "private, no-store"
    return noindex(response)
