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
