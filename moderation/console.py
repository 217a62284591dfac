"""The moderator console: Django's admin, at /console/, for staff with 2FA only."""

from django.conf import settings
from django.contrib import admin, messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_ratelimit.decorators import ratelimit

from accounts.permissions import can_open_console, has_two_factor
from accounts.ratelimit import client_key


class ConsoleSite(admin.AdminSite):
    site_header = gettext_lazy("Hearth moderator console")
    site_title = gettext_lazy("Hearth console")
    index_title = gettext_lazy("Dashboard")
    enable_nav_sidebar = True
    index_template = "admin/console_index.html"

    def index(self, request, extra_context=None):
        from moderation.selectors import dashboard_stats

        stats = dashboard_stats(request.user)
        age = stats["oldest_crisis_age"]
        stats["oldest_crisis_age_minutes"] = int(age.total_seconds() // 60) if age else None
        return super().index(request, {**(extra_context or {}), "dashboard": stats})

    def each_context(self, request):
        context = super().each_context(request)
        context["site_header"] = _("%(site)s moderator console") % {"site": settings.SITE_NAME}
        return context

    def has_permission(self, request) -> bool:
        return can_open_console(request.user)

    @method_decorator(ratelimit(key=client_key, rate="20/m", method=ratelimit.ALL, block=True))
    def login(self, request, extra_context=None):
        """Send everyone through the site's login, which enforces 2FA and rate limits."""
        user = request.user
        if user.is_authenticated:
            if not user.is_staff:
                # The console is not for members; do not advertise it.
                raise Http404
            if not has_two_factor(user):
                messages.warning(
                    request,
                    _("Set up two-factor authentication before opening the moderator console."),
                )
                return redirect("mfa_activate_totp")
            return redirect(request.GET.get("next") or reverse("admin:index"))
        next_url = request.GET.get("next") or reverse("admin:index")
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")

    def logout(self, request, extra_context=None):
        return redirect("account_logout")
