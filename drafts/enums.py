from django.db import models
from django.utils.translation import gettext_lazy as _


class PlaceKind(models.TextChoices):
    """Where a draft belongs; the target is a forum, thread, post or conversation id."""

    THREAD = "thread", _("New thread")
    REPLY = "reply", _("Reply")
    EDIT = "edit", _("Edit of your post")
    MESSAGE = "message", _("Private message")
    NEW_MESSAGE = "new_message", _("New private conversation")
