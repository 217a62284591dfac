from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentKind(models.TextChoices):
    COMMUNITY_RULES = "community_rules", _("Community rules")


class TrustLevel(models.TextChoices):
    NEW = "new", _("New member")
    MEMBER = "member", _("Member")
    TRUSTED = "trusted", _("Trusted member")
