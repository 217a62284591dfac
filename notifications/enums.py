from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    REPLY = "reply", _("Reply in a thread you watch")
    MENTION = "mention", _("Mention")
    QUOTE = "quote", _("Quote")
    NEW_THREAD = "new_thread", _("New thread in a forum you follow")
    MODERATION_NOTICE = "moderation_notice", _("Moderation notice")
    ACCOUNT = "account", _("About your account")
    MESSAGE = "message", _("Private message")
