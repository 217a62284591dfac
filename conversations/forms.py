from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.enums import MessagePermission
from conversations.models import MESSAGE_MAX_LENGTH


class MessageForm(forms.Form):
    # No max_length on the field: an oversized message is refused by the service with a clear
    # message, and the text stays in the box.
    body = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        strip=False,
        help_text=_("Plain text, up to %(max)s characters.") % {"max": MESSAGE_MAX_LENGTH},
    )
    confirm_personal_info = forms.BooleanField(required=False, widget=forms.HiddenInput)


class StartForm(MessageForm):
    to = forms.CharField(
        label=_("To"),
        max_length=200,
        help_text=_("One or more handles, separated by commas."),
    )
    field_order = ["to", "body", "confirm_personal_info"]

    def handles(self) -> list[str]:
        raw = self.cleaned_data.get("to", "")
        return [part.strip().lstrip("@") for part in raw.split(",") if part.strip()]


class MessageSettingsForm(forms.Form):
    message_permission = forms.ChoiceField(
        label=_("Who may start a private conversation with you?"),
        choices=MessagePermission.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "“Replied” means one of you posted in a thread the other started, or you have "
            "talked in an accepted conversation before. New members can't start conversations. "
            "Members you block can never write to you."
        ),
    )
