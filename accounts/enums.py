from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentKind(models.TextChoices):
    COMMUNITY_RULES = "community_rules", _("Community rules")


class TrustLevel(models.TextChoices):
    NEW = "new", _("New member")
    MEMBER = "member", _("Member")
    TRUSTED = "trusted", _("Trusted member")


class DigestFrequency(models.TextChoices):
    NEVER = "never", _("Never")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class DigestContent(models.TextChoices):
    TITLES = "titles", _("Titles and counts only (no post text)")
    EXCERPTS = "excerpts", _("Titles with short excerpts")


class Weekday(models.IntegerChoices):
    """ISO weekday numbers, as `date.isoweekday()` returns them."""

    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")
    SUNDAY = 7, _("Sunday")


class EmailKind(models.TextChoices):
    DIGEST = "digest", _("Digest")
    NOTIFICATIONS = "notifications", _("Notification email")
    INACTIVE_NOTICE = "inactive_notice", _("Digests stopped for inactivity")


class DeliveryStatus(models.TextChoices):
    SENDING = "sending", _("Sending")
    RETRYING = "retrying", _("Waiting to retry")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class UnsubscribeScope(models.TextChoices):
    DIGEST = "digest", _("Digest emails")
    NOTIFICATIONS = "notifications", _("Notification emails")
