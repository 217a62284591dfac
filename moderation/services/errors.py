from django.core.exceptions import ValidationError

# Raised here, shown by the member's profile page in accounts (which cannot import moderation).
from accounts.errors import ProfileNeedsConfirmation, ProfileTextRefused  # noqa: F401


class ModerationError(ValidationError):
    """A moderation action that cannot be taken; the message is shown to the moderator."""


class ReportRefused(ValidationError):
    """A report that cannot be filed; the message is shown to the member."""
