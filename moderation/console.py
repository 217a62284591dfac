"""The moderator console: Django's admin, at /console/, for staff with 2FA only."""

import csv
from datetime import timedelta

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_ratelimit.decorators import ratelimit

from accounts.permissions import can_open_console, has_two_factor, is_moderator
from accounts.ratelimit import client_key
from moderation.console_lookups import guarded
from moderation.metrics import crisis_csv_rows
from moderation.selectors import (
    crisis_dashboard,
    crisis_exposure_by_day,
    dashboard_stats,
    moderator_care_for,
)
from moderation.services import case_claims_release


def safe_next_url(request) -> str:
    """`?next=` when it stays on this site (same host, no scheme tricks), else the dashboard.

    The console's login must not become an open redirect aimed at the people holding 2FA.
    """
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


class ConsoleSite(admin.AdminSite):
    site_header = gettext_lazy("Hearth moderator console")
    site_title = gettext_lazy("Hearth console")
    index_title = gettext_lazy("Dashboard")
    enable_nav_sidebar = True
    index_template = "admin/console_index.html"

    def index(self, request, extra_context=None):
        stats = dashboard_stats(request.user)
        age = stats["oldest_crisis_age"]
        stats["oldest_crisis_age_minutes"] = int(age.total_seconds() // 60) if age else None
        crisis = crisis_dashboard(request.user)
        crisis["can_export"] = request.user.has_perm("moderation.export_crisis_metrics")
        context = {
            **(extra_context or {}),
            "dashboard": stats,
            "crisis": crisis,
            "care": self._care(request.user),
        }
        return super().index(request, context)

    def _care(self, user) -> dict | None:
        """Care for moderators: their own crisis count today and the break offer; operators
        also see the team's exposure per day, in aggregate."""
        if not is_moderator(user):
            return None
        care = moderator_care_for(user)
        care["exposure"] = crisis_exposure_by_day() if user.is_superuser else None
        return care

    def hand_back_claims(self, request):
        """Hand the moderator's open claims back to the queue (POST; each one audited)."""
        if request.method != "POST":
            return redirect("admin:index")
        released = case_claims_release(acting_user=request.user)
        messages.success(
            request,
            _("%(count)s case(s) went back to the queue. Thank you; take the time you need.")
            % {"count": released},
        )
        return redirect("admin:index")

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every ModelAdmin, ours and third parties', gets the console's lookup allow-list."""
        admin_class = guarded(admin_class or admin.ModelAdmin)
        return super().register(model_or_iterable, admin_class, **options)

    def get_urls(self):
        urls = [
            path(
                "moderation/hand-back-claims/",
                self.admin_view(self.hand_back_claims),
                name="hand_back_claims",
            ),
            path(
                "moderation/crisis-metrics.csv",
                self.admin_view(self.crisis_metrics_csv),
                name="crisis_metrics_csv",
            ),
        ]
        return urls + super().get_urls()

    def crisis_metrics_csv(self, request):
        """Operators download one row per crisis case: ids, times, outcomes; no names, no text."""
        if not request.user.has_perm("moderation.export_crisis_metrics"):
            raise PermissionDenied
        try:
            days = min(max(int(request.GET.get("days", 30)), 1), 366)
        except ValueError:
            days = 30
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="crisis-metrics-{days}d.csv"'
        response["Cache-Control"] = "private, no-store"
        writer = csv.writer(response)
        writer.writerows(crisis_csv_rows(since=timezone.now() - timedelta(days=days)))
        return response

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
            return redirect(safe_next_url(request))
        query = urlencode({"next": safe_next_url(request)})
        return redirect(f"{reverse('account_login')}?{query}")

    def logout(self, request, extra_context=None):
        return redirect("account_logout")
