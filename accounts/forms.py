import zoneinfo

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.urls import reverse_lazy
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts import hooks, services
from accounts.enums import ConsentKind
from accounts.models import EmailPreferences

MIN_IDENTIFYING_LOCAL_PART = 3


def handle_reveals_email(handle: str, email: str) -> bool:
    """Whether the handle contains the email's local part (which could identify the member)."""
    local_part = email.partition("@")[0].casefold()
    return len(local_part) >= MIN_IDENTIFYING_LOCAL_PART and local_part in handle.casefold()


class SignupForm(AllauthSignupForm):
    """Handle, email, password and the community rules; warns when the handle reveals the email."""

    accept_rules = forms.BooleanField(
        required=True,
        error_messages={"required": _("Please read and accept the community rules to join.")},
    )
    confirm_handle = forms.BooleanField(
        required=False,
        label=_("Use this handle anyway"),
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Handle")
        self.fields["username"].widget.attrs["placeholder"] = _("e.g. quiet_fern")
        self.fields["username"].help_text = _(
            "Your public name here. Other members only ever see this. "
            "Letters, digits, _ and -; 3 to 30 characters."
        )
        self.fields["email"].help_text = _("Private: never shown to other members.")
        self.fields["accept_rules"].label = format_html(
            '{} <a href="{}">{}</a>',
            _("I have read and accept the"),
            reverse_lazy("moderation:rules"),
            _("community rules"),
        )
        order = ["username", "email", "password1", "password2", "confirm_handle", "accept_rules"]
        self.order_fields(order)

    def clean(self):
        cleaned = super().clean()
        handle = cleaned.get("username") or ""
        email = cleaned.get("email") or ""
        if (
            handle
            and email
            and handle_reveals_email(handle, email)
            and not cleaned.get("confirm_handle")
        ):
            self.fields["confirm_handle"].widget = forms.CheckboxInput()
            self.add_error(
                "username",
                _(
                    "Your handle contains the first part of your email address, which could "
                    "identify you to people who know it. Choose another handle, or tick "
                    "“Use this handle anyway”."
                ),
            )
        return cleaned

    def save(self, request):
        user = super().save(request)
        services.consent_record(
            user=user, kind=ConsentKind.COMMUNITY_RULES, version=hooks.rules_version_current()
        )
        return user


def _hour_choices():
    return [(hour, f"{hour:02d}:00") for hour in range(24)]


def timezone_choices():
    names = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})
    return [(name, name.replace("_", " ")) for name in names]


class EmailPreferencesForm(forms.ModelForm):
    """What the member wants by email and when; their time zone is saved on the member."""

    timezone = forms.ChoiceField(
        label=_("Your time zone"),
        help_text=_(
            "Summaries and quiet hours follow this zone's clock, including daylight saving."
        ),
    )

    class Meta:
        model = EmailPreferences
        fields = [
            "digest_frequency",
            "digest_weekday",
            "digest_hour",
            "digest_content",
            "is_subject_neutral",
            "is_reply_email_on",
            "is_mention_email_on",
            "is_moderation_email_on",
            "is_message_email_on",
            "has_quiet_hours",
            "quiet_hours_start",
            "quiet_hours_end",
        ]
        widgets = {
            "digest_frequency": forms.RadioSelect,
            "digest_content": forms.RadioSelect,
            "quiet_hours_start": forms.TimeInput(
                attrs={"type": "time", "step": 900}, format="%H:%M"
            ),
            "quiet_hours_end": forms.TimeInput(attrs={"type": "time", "step": 900}, format="%H:%M"),
        }
        labels = {
            "digest_frequency": _("How often"),
            "digest_weekday": _("Day, for a weekly summary"),
            "digest_hour": _("Time of day"),
            "digest_content": _("What the summary shows"),
            "is_subject_neutral": _("Use a neutral subject line"),
            "is_reply_email_on": _("Replies in threads you started, replied to or watch"),
            "is_mention_email_on": _("When someone mentions your handle"),
            "is_moderation_email_on": _("Messages from the moderators"),
            "is_message_email_on": _(
                "When someone sends you a private message (never what it says)"
            ),
            "has_quiet_hours": _("Send nothing during quiet hours"),
            "quiet_hours_start": _("Quiet from"),
            "quiet_hours_end": _("Quiet until"),
        }
        help_texts = {
            "is_subject_neutral": format_lazy(
                _(
                    "“Your {site} summary” instead of naming a forum or what it is about, so "
                    "a shared screen or inbox shows nothing more."
                ),
                site=settings.SITE_NAME,
            ),
            "digest_content": _("Titles only never puts anything members wrote into the email."),
            "has_quiet_hours": _("Emails that fall due in this window wait until it ends."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["digest_hour"] = forms.TypedChoiceField(
            label=self.Meta.labels["digest_hour"],
            choices=_hour_choices(),
            coerce=int,
            initial=self.instance.digest_hour,
        )
        self.fields["timezone"].choices = timezone_choices()
        self.fields["timezone"].initial = user.timezone
        self.order_fields(["timezone"])

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("quiet_hours_start"), cleaned.get("quiet_hours_end")
        if cleaned.get("has_quiet_hours") and start is not None and start == end:
            self.add_error("quiet_hours_end", _("Quiet hours need different start and end times."))
        return cleaned
