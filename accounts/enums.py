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


class BounceKind(models.TextChoices):
    HARD = "hard", _("Hard (the address does not exist or refuses mail)")
    SOFT = "soft", _("Soft (temporary: mailbox full, server busy)")


class BounceSource(models.TextChoices):
    WEBHOOK = "webhook", _("Webhook of the mail provider")
    DSN = "dsn", _("Delivery status notification")


class UnsubscribeScope(models.TextChoices):
    DIGEST = "digest", _("Digest emails")
    NOTIFICATIONS = "notifications", _("Notification emails")


class FieldVisibility(models.TextChoices):
    """Who may see one profile field besides the member themself."""

    ONLY_ME = "only_me", _("Only me")
    MEMBERS = "members", _("Members (logged in) and moderators")
    MODERATORS = "moderators", _("Nobody else but moderators")


class AgeRange(models.TextChoices):
    UNDER_25 = "18-24", _("18 to 24")
    FROM_25 = "25-34", _("25 to 34")
    FROM_35 = "35-44", _("35 to 44")
    FROM_45 = "45-54", _("45 to 54")
    FROM_55 = "55-64", _("55 to 64")
    FROM_65 = "65+", _("65 or over")


class MuteKind(models.TextChoices):
    MEMBER = "member", _("Member")
    FORUM = "forum", _("Forum")


class BreakReminder(models.IntegerChoices):
    OFF = 0, _("Off")
    AFTER_30 = 30, _("After 30 minutes")
    AFTER_60 = 60, _("After 1 hour")
    AFTER_90 = 90, _("After 1 hour 30 minutes")


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    READY = "ready", _("Ready to download")
    FAILED = "failed", _("Failed")


class ErasureMode(models.TextChoices):
    ERASE_POSTS = "erase_posts", _("Erase my posts")
    ANONYMISE = "anonymise", _("Keep my posts, anonymised")


class ErasureStatus(models.TextChoices):
    PENDING = "pending", _("Waiting (grace period)")
    CANCELLED = "cancelled", _("Cancelled")
    DONE = "done", _("Done")


class MessagePermission(models.TextChoices):
    """Who may start a private conversation with a member (nobody by default)."""

    NOBODY = "nobody", _("Nobody")
    REPLIED = "replied", _("Members I have replied to or who replied to me")
    TRUSTED = "trusted", _("Trusted members")
    ANYONE = "anyone", _("Anyone (except new members)")
