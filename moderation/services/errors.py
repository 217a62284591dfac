from django.core.exceptions import ValidationError


class ModerationError(ValidationError):
    """A moderation action that cannot be taken; the message is shown to the moderator."""


class ReportRefused(ValidationError):
    """A report that cannot be filed; the message is shown to the member."""
