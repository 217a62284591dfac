from allauth.account.views import LoginView as AllauthLoginView
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from accounts.selectors import member_get_by_handle


def profile(request, handle: str):
    """A member's public profile: their handle and the month they joined, never the email."""
    member = member_get_by_handle(handle=handle)
    if member.handle != handle:
        return redirect(member, permanent=True)
    return render(request, "accounts/profile.html", {"member": member})


@login_required
def settings_index(request):
    return render(request, "accounts/settings.html")


class LoginView(AllauthLoginView):
    """allauth's login, answering 429 (with the form and what was typed) when rate limited."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if any(
            error.code == "too_many_login_attempts" for error in form.non_field_errors().as_data()
        ):
            response.status_code = 429
        return response
