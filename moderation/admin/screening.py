"""Screening configuration in the console: watched words (with a test box) and forum policy."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from moderation.models import ForumScreeningSettings, ScreeningResult, WatchedWord
from moderation.screening import test_rule


class WatchedWordForm(forms.ModelForm):
    sample_text = forms.CharField(
        label=_("Test this rule"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Paste sample text and press “Save and continue editing” to see what the "
            "rule matches. The sample is not stored."
        ),
    )

    class Meta:
        model = WatchedWord
        fields = ["pattern", "kind", "action", "replacement", "forum", "is_active", "note"]


@admin.register(WatchedWord)
class WatchedWordAdmin(admin.ModelAdmin):
    form = WatchedWordForm
    list_display = ("pattern", "kind", "action", "forum", "is_active")
    list_filter = ("action", "kind", "is_active", "forum")
    search_fields = ("pattern", "note")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        sample = form.cleaned_data.get("sample_text")
        if sample:
            matches = test_rule(obj.as_rule(), sample)
            if matches:
                found = ", ".join(f"“{match.matched}”" for match in matches[:20])
                self.message_user(request, _("The rule matches: %(found)s") % {"found": found})
            else:
                self.message_user(request, _("The rule matches nothing in the sample text."))


@admin.register(ForumScreeningSettings)
class ForumScreeningSettingsAdmin(admin.ModelAdmin):
    list_display = (
        "forum",
        "crisis_policy",
        "behaviour_response",
        "ideation_response",
        "distress_response",
        "pattern_window_days",
        "eating_disorder_numbers",
        "hold_until_screened",
    )


@admin.register(ScreeningResult)
class ScreeningResultAdmin(admin.ModelAdmin):
    list_display = ("created_at", "post", "profile", "revision", "verdict", "tier", "case")
    list_filter = ("verdict", "tier")
    readonly_fields = (
        "post",
        "profile",
        "revision",
        "verdict",
        "tier",
        "signals",
        "screener_versions",
        "case",
        "created_at",
    )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
