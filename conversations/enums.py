from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipantState(models.TextChoices):
    # The starter is accepted; each recipient's first message is a request until they answer.
    REQUESTED = "requested", _("Request waiting")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class MessageStatus(models.TextChoices):
    VISIBLE = "visible", _("Delivered")
    # Held by screening: only its sender sees it until a moderator releases it.
    HELD = "held", _("Held for review")
    REMOVED = "removed", _("Removed")
    ERASED = "erased", _("Erased with its sender's account")
