"""Errors a member's own pages show them, raised by whichever app checks the text."""

from django.core.exceptions import ValidationError


class ProfileTextRefused(ValidationError):
    """Profile text that cannot be saved as written; the message is shown to the member."""


class ProfileNeedsConfirmation(ProfileTextRefused):
    """“About me” looks like it shares contact details: the member must confirm first."""
