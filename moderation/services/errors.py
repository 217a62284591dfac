from django.core.exceptions import ValidationError


class ModerationError(ValidationError):
    """A moderation action that cannot be taken; the message is shown to the moderator."""


class ReportRefused(ValidationError):
    """A report that cannot be filed; the message is shown to the member."""


class ProfileTextRefused(ValidationError):
    """Profile text that cannot be saved as written; the message is shown to the member."""


class ProfileNeedsConfirmation(ProfileTextRefused):
    """“About me” looks like it shares contact details: the member must confirm first."""
