"""The member's private safety plan: read, edit, print, delete. Only ever their own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import hooks
from accounts.peer_forms import SafetyPlanForm
from accounts.safety_plan import SECTIONS
from accounts.selectors import safety_plan_for
from accounts.services.peer import safety_plan_delete, safety_plan_save


def _private(response):
    # The plan is for its member only: never cached by a proxy or the browser's back button
    # on a shared computer, never indexed.
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@login_required
def safety_plan(request):
    """The member's own plan (no id in the address: there is no way to ask for another's)."""
    plan = safety_plan_for(request.user)
    return _private(render(request, "accounts/safety_plan.html", {"plan": plan}))


def _initial(request, plan) -> dict:
    if plan and not plan["is_unreadable"]:
        return dict(plan["values"])
    lines = hooks.helplines_text_for_member(request.user)
    emergency = _("In an emergency: my local emergency number.")
    return {"professionals": f"{lines}\n{emergency}".strip()}


@login_required
@require_http_methods(["GET", "POST"])
def safety_plan_edit(request):
    """Write or change the plan; the professionals part starts from the member's helplines."""
    plan = safety_plan_for(request.user)
    form = SafetyPlanForm(request.POST or None, initial=_initial(request, plan))
    if request.method == "POST" and form.is_valid():
        safety_plan_save(user=request.user, sections=form.cleaned_data)
        messages.success(request, _("Your safety plan is saved. Only you can see it."))
        return redirect("accounts:safety_plan")
    return _private(
        render(
            request,
            "accounts/safety_plan_edit.html",
            {"form": form, "plan": plan, "sections": SECTIONS},
        )
    )


@login_required
@require_POST
def safety_plan_remove(request):
    if safety_plan_delete(user=request.user):
        messages.success(request, _("Your safety plan is deleted."))
    return redirect("accounts:safety_plan")
