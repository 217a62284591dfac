"""Forms for members (reports on posts, threads, members and messages; appeals) and for the
console's case page."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from conversations.services import MAX_EARLIER_IN_REPORT
from moderation.enums import CRISIS_OUTCOMES, ReportReason
from moderation.models import Rule
from moderation.selectors import rule_list_active


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is the problem?"), choices=ReportReason.choices, widget=forms.RadioSelect
    )
    rule = forms.ModelChoiceField(
        label=_("Which rule does it break?"),
        queryset=Rule.objects.none(),
        required=False,
        help_text=_("Only needed for “Breaks a community rule”."),
    )
    note = forms.CharField(
        label=_("Anything the moderators should know? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].queryset = rule_list_active()


class MessageReportForm(ReportForm):
    """A report on a private message, optionally with the messages before it."""

    include_earlier = forms.TypedChoiceField(
        label=_("Include earlier messages for context?"),
        choices=[
            (0, _("No, only this message")),
            *[
                (n, _("The %(n)s messages before it") % {"n": n})
                for n in (3, 5, MAX_EARLIER_IN_REPORT)
            ],
        ],
        coerce=int,
        initial=0,
        help_text=_("Moderators will see only the messages you send them, nothing else."),
    )


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Why should this decision be looked at again?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
    )


class CaseActionForm(forms.Form):
    """One form for every action on the case page; the chosen button names the action."""

    action = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    rules = forms.ModelMultipleChoiceField(
        label=_("Rules cited"),
        queryset=Rule.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    message = forms.CharField(
        label=_("Message to the member"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    reason = forms.CharField(
        label=_("Private reason (moderators only)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    duration_days = forms.IntegerField(label=_("Duration in days"), required=False)
    content_warning = forms.CharField(label=_("Content warning"), required=False, max_length=200)
    body = forms.CharField(label=_("Edited text"), widget=forms.Textarea, required=False)
    edit_note = forms.CharField(
        label=_("Note shown under the post"), required=False, max_length=300
    )
    forum = forms.IntegerField(label=_("Move to forum"), required=False)
    note = forms.CharField(label=_("Private note"), widget=forms.Textarea, required=False)
    outreach = forms.CharField(
        label=_("Message to the member"), widget=forms.Textarea, required=False, max_length=4000
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", "—")] + [(outcome.value, outcome.label) for outcome in CRISIS_OUTCOMES],
        required=False,
    )
    follow_up_at = forms.DateTimeField(
        label=_("Follow-up check-in at"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    follow_up_note = forms.CharField(label=_("What to check"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rules"].queryset = rule_list_active()


class CountryForm(forms.Form):
    """The help page's country picker (GET, no JavaScript) and "remember my country" (POST)."""

    country = forms.ChoiceField(label=_("Your country"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Another country")), *countries]


class SupportReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your reply to the moderators"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write your reply first.")},
    )
