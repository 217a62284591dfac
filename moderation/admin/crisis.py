"""Crisis support in the console: the helpline directory, the on-call rota, the escalation
list and the record of alerts sent."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _

from moderation.models import CrisisNotification, EscalationContact, Helpline, OnCallShift
from moderation.oncall import on_call_now, rota_warnings


@admin.register(Helpline)
class HelplineAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "country",
        "kind",
        "phone",
        "sms",
        "url",
        "audience",
        "order",
        "is_active",
        "needs_review",
    )
    list_filter = ("needs_review", "is_active", "kind", "audience", "country")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_editable = ("order", "is_active")
    search_fields = ("name", "description")
    fieldsets = (
        (None, {"fields": ("country", "name", "kind", "description", "audience")}),
        (
            _("How to reach it (at least one)"),
            {"fields": ("phone", "sms", "url", "opening_hours", "languages")},
        ),
        (_("Listing"), {"fields": ("order", "is_active", "needs_review")}),
    )

    def changelist_view(self, request, extra_context=None):
        pending = Helpline.objects.filter(needs_review=True, is_active=True).count()
        if pending and request.method == "GET":
            messages.warning(
                request,
                _(
                    "%(n)s active helpline(s) still need review: check each number, hours and "
                    "address with the service before launch, then untick “needs review”."
                )
                % {"n": pending},
            )
        return super().changelist_view(request, extra_context)


class OnCallShiftForm(forms.ModelForm):
    class Meta:
        model = OnCallShift
        fields = ["moderator", "weekday", "start_time", "end_time", "time_zone", "is_active"]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        help_texts = {
            "end_time": _("An end at or before the start runs past midnight into the next day."),
            "time_zone": _("The moderator's time zone, for example Europe/London."),
        }


@admin.register(OnCallShift)
class OnCallShiftAdmin(admin.ModelAdmin):
    """The weekly rota; gaps and overlaps are warned about, never refused."""

    form = OnCallShiftForm
    list_display = ("moderator", "weekday", "start_time", "end_time", "time_zone", "is_active")
    list_filter = ("weekday", "is_active", "moderator")
    autocomplete_fields = ("moderator",)

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":
            for warning in rota_warnings():
                messages.warning(request, warning)
        on_call = ", ".join(user.handle for user in on_call_now()) or _("nobody")
        extra = {"subtitle": _("On call now: %(who)s") % {"who": on_call}}
        return super().changelist_view(request, {**(extra_context or {}), **extra})

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for warning in rota_warnings():
            messages.warning(request, warning)


@admin.register(EscalationContact)
class EscalationContactAdmin(admin.ModelAdmin):
    list_display = ("__str__", "level", "note", "is_active")
    list_filter = ("level", "is_active")
    autocomplete_fields = ("user",)


@admin.register(CrisisNotification)
class CrisisNotificationAdmin(admin.ModelAdmin):
    """What was sent for each crisis alert, and what failed (read-only)."""

    list_display = (
        "created_at",
        "alert",
        "channel",
        "recipient",
        "sent_at",
        "attempts",
        "last_error",
    )
    list_filter = ("channel", "alert__level")
    list_select_related = ("alert",)
    readonly_fields = [field.name for field in CrisisNotification._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
