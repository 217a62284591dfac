"""Choices for forums, threads, posts, reactions and notifications."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ForumVisibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone may read")
    MEMBERS = "members", _("Members only: visitors see only the name and description")
    PRIVATE = "private", _("Private: listed and readable only for members granted access")


class ThreadStarters(models.TextChoices):
    MEMBERS = "members", _("Members")
    TRUSTED = "trusted", _("Trusted members")
    MODERATORS = "moderators", _("Moderators")


class ThreadStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    HELD = "held", _("Held for review")
    REMOVED = "removed", _("Removed")


class PostStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    HELD = "held", _("Held for review")
    REMOVED_BY_AUTHOR = "removed_by_author", _("Removed by its author")
    REMOVED_BY_MODERATOR = "removed_by_moderator", _("Removed by a moderator")


class ReactionKind(models.TextChoices):
    SUPPORT = "support", _("Sending support")
    ME_TOO = "me_too", _("Me too")
    THANKS = "thanks", _("Thank you")
    HELPED = "helped", _("This helped")
