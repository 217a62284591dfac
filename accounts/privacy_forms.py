"""Forms for what a member controls: profile, blocks and mutes, healthy use, export, erasure."""

from datetime import timedelta

from allauth.mfa.models import Authenticator
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.enums import BreakReminder, ErasureMode, FieldVisibility
from accounts.models import (
    ABOUT_MAX_LENGTH,
    MAX_EXPERIENCES,
    MUTE_WORD_MAX_LENGTH,
    ExperienceTag,
    Profile,
)

TIME_WIDGET = forms.TimeInput(attrs={"type": "time", "step": 900}, format="%H:%M")
VISIBILITY_FIELDS = {
    "about_me": "about_me_visibility",
    "pronouns": "pronouns_visibility",
    "country": "country_visibility",
    "age_range": "age_range_visibility",
    "experiences": "experiences_visibility",
}


class ProfileForm(forms.ModelForm):
    """The optional profile fields, each followed by who may see it."""

    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        help_text=_("Also used to show you helplines in your country first."),
    )
    experiences = forms.ModelMultipleChoiceField(
        label=_("Experiences I want to talk about"),
        queryset=ExperienceTag.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    confirm_personal_info = forms.BooleanField(
        label=_("Save anyway: I want to share this"),
        required=False,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Profile
        fields = [
            "about_me",
            "about_me_visibility",
            "pronouns",
            "pronouns_visibility",
            "country_visibility",
            "age_range",
            "age_range_visibility",
            "experiences_visibility",
            "last_seen_visibility",
            "posts_visibility",
        ]
        widgets = {
            "about_me": forms.Textarea(attrs={"rows": 4, "maxlength": ABOUT_MAX_LENGTH}),
            **{
                name: forms.RadioSelect
                for name in [
                    *VISIBILITY_FIELDS.values(),
                    "last_seen_visibility",
                    "posts_visibility",
                ]
            },
        }
        labels = {
            "about_me_visibility": _("Who sees “about me”"),
            "pronouns_visibility": _("Who sees your pronouns"),
            "country_visibility": _("Who sees your country"),
            "age_range_visibility": _("Who sees your age range"),
            "experiences_visibility": _("Who sees your experiences"),
            "last_seen_visibility": _("Who sees when you were last here"),
            "posts_visibility": _("Who sees the list of your recent posts on your profile"),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Not set")), *countries]
        self.fields["country"].initial = user.country
        if self.instance.pk:
            self.fields["experiences"].initial = list(self.instance.experiences.all())
        for name in VISIBILITY_FIELDS.values():
            self.fields[name].choices = FieldVisibility.choices

    def clean_experiences(self):
        tags = self.cleaned_data["experiences"]
        if len(tags) > MAX_EXPERIENCES:
            raise forms.ValidationError(
                _("Choose up to %(max)d experiences.") % {"max": MAX_EXPERIENCES}
            )
        return tags

    def ask_to_confirm_personal_info(self, message: str) -> None:
        """Show the "Save anyway" checkbox with the reason, keeping everything typed."""
        self.fields["confirm_personal_info"].widget = forms.CheckboxInput()
        self.add_error(None, message)

    def field_pairs(self):
        """Each profile field with the field choosing its audience, for the template."""
        return [(self[field], self[visibility]) for field, visibility in VISIBILITY_FIELDS.items()]


class HandleForm(forms.Form):
    """A member to block or mute, by handle."""

    handle = forms.CharField(label=_("Handle"), max_length=30)


class MuteWordsForm(forms.Form):
    words = forms.CharField(
        label=_("Words or phrases to mute"),
        help_text=_(
            "One per line, or separated by commas; up to %(max)d characters each. Posts with "
            "them are folded away for you, with the reason shown."
        )
        % {"max": MUTE_WORD_MAX_LENGTH},
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=20_000,
    )


class MuteForumForm(forms.Form):
    forum = forms.ModelChoiceField(label=_("Forum"), queryset=None, empty_label=None)

    def __init__(self, *args, forums, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = forums


class WellbeingForm(forms.Form):
    break_reminder_minutes = forms.TypedChoiceField(
        label=_("Remind me to take a pause"),
        choices=BreakReminder.choices,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("A gentle note at the top of the page after this long without a pause."),
    )
    has_late_night_reminder = forms.BooleanField(
        label=_("Show a quiet reminder late at night"), required=False
    )
    late_night_start = forms.TimeField(label=_("Late night from"), widget=TIME_WIDGET)
    late_night_end = forms.TimeField(label=_("Late night until"), widget=TIME_WIDGET)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("late_night_start"), cleaned.get("late_night_end")
        if cleaned.get("has_late_night_reminder") and start is not None and start == end:
            self.add_error("late_night_end", _("Choose different start and end times."))
        return cleaned


BREAK_LENGTHS = {
    "1d": (timedelta(days=1), _("One day")),
    "3d": (timedelta(days=3), _("Three days")),
    "7d": (timedelta(days=7), _("One week")),
    "14d": (timedelta(days=14), _("Two weeks")),
    "30d": (timedelta(days=30), _("One month")),
}


class BreakForm(forms.Form):
    length = forms.ChoiceField(
        label=_("How long"),
        choices=[(key, label) for key, (_length, label) in BREAK_LENGTHS.items()],
        widget=forms.RadioSelect,
        initial="7d",
    )

    def until(self):
        return timezone.now() + BREAK_LENGTHS[self.cleaned_data["length"]][0]


class ErasureForm(forms.Form):
    """Re-authenticate (password, and a 2FA code when enabled) and choose what happens to posts."""

    mode = forms.ChoiceField(
        label=_("Your posts"), choices=ErasureMode.choices, widget=forms.RadioSelect
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that after 7 days this cannot be undone."), required=True
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if self.totp is None:
            del self.fields["code"]
        else:
            self.fields["code"].required = True

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your current password."))
        return password

    def clean_code(self):
        code = self.cleaned_data.get("code", "").replace(" ", "")
        if self.totp is not None and not self.totp.wrap().validate_code(code):
            raise forms.ValidationError(_("That code did not work. Try the newest one."))
        return code
