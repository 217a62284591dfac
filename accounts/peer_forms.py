from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.safety_plan import SECTION_MAX_LENGTH, SECTIONS


class SafetyPlanForm(forms.Form):
    """The seven sections of the safety plan, each free text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for section in SECTIONS:
            self.fields[section.key] = forms.CharField(
                label=section.title,
                help_text=section.hint,
                required=False,
                max_length=SECTION_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={
                    "max_length": _(
                        "Please keep each part under %(limit_value)d characters; your text "
                        "is kept below."
                    )
                },
            )
