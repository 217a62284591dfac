from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.urls import reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts import services
from accounts.enums import ConsentKind

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
        from moderation.selectors import current_rules_version

        user = super().save(request)
        services.consent_record(
            user=user, kind=ConsentKind.COMMUNITY_RULES, version=current_rules_version()
        )
        return user
