"""Choices shared by apps on different layers (posts and private messages alike)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScreeningState(models.TextChoices):
    PENDING = "pending", _("Pending")
    SCREENED = "screened", _("Screened")
    FAILED = "failed", _("Failed")
