"""Composer and search forms. Errors re-render the form with everything the member typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from forums.models import (
    BODY_MAX_LENGTH,
    CONTENT_WARNING_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Forum,
)


class PostForm(forms.Form):
    """A reply or an edit: text and an optional (or required) content warning."""

    content_warning = forms.CharField(
        label=_("Content warning (optional)"),
        max_length=CONTENT_WARNING_MAX_LENGTH,
        required=False,
        help_text=_(
            "If your post touches on something others may want to prepare for, name it here. "
            "Readers will see the warning and can choose to open your post."
        ),
    )
    body = forms.CharField(
        label=_("Your post"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown works: *italic*, **bold**, > quote, - lists, [link](https://…)."),
        error_messages={"required": _("Please write something before posting.")},
    )

    confirm_personal_info = forms.BooleanField(
        label=_("Post anyway: I want to share this"),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, forum: Forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.forum = forum
        if forum.is_content_warning_required:
            field = self.fields["content_warning"]
            field.required = True
            field.label = _("Content warning (required in this forum)")
            field.error_messages["required"] = _(
                "This forum asks for a content warning on every post. "
                "Please describe what your post touches on."
            )

    def ask_to_confirm_personal_info(self, message: str) -> None:
        """Show the "Post anyway" checkbox with the reason, keeping everything typed."""
        self.fields["confirm_personal_info"].widget = forms.CheckboxInput()
        self.add_error(None, message)

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError(_("Please write something before posting."))
        return body


class ThreadForm(PostForm):
    """A new thread: a title plus the opening post."""

    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        error_messages={"required": _("Please give your thread a title.")},
    )
    field_order = ["title", "content_warning", "body"]

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Please give your thread a title."))
        return title


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=200, required=False)
    forum = forms.ChoiceField(label=_("In forum"), required=False)
    author = forms.CharField(label=_("By member (handle)"), max_length=30, required=False)

    def __init__(self, *args, forums=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].choices = [("", _("All forums you can read"))] + [
            (forum.slug, forum.name) for forum in forums
        ]


class CheckInRequestForm(forms.Form):
    handle = forms.CharField(label=_("Their handle"), max_length=30)
    note = forms.CharField(
        label=_("What worries you (for the moderators only; optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_handle(self):
        handle = self.cleaned_data["handle"].strip().lstrip("@")
        member = User.objects.filter(handle__iexact=handle, is_active=True).first()
        if member is None:
            raise forms.ValidationError(
                _("No member is called “%(handle)s”. Check the name; your note is kept.")
                % {"handle": handle}
            )
        self.member = member
        return member.handle
