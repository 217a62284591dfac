"""Peer support on the member's side: the peer-supporter role and the private safety plan."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PeerSupporter(models.Model):
    """A member operators made a peer supporter after training. No moderation powers."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="peer_supporter",
        verbose_name=_("member"),
    )
    trained_on = models.DateField(_("trained on"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    granted_at = models.DateTimeField(_("granted"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("peer supporter")
        verbose_name_plural = _("peer supporters")
        ordering = ["-granted_at"]

    def __str__(self) -> str:
        return str(self.user)


class SafetyPlan(models.Model):
    """A member's safety plan, sealed with the message keys (core/crypto.py).

    Private to the member: never registered in the console, never in any other member's
    selector. `sealed` holds the encrypted JSON of the sections; nothing else is stored.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="safety_plan",
    )
    sealed = models.BinaryField()
    key_id = models.CharField(max_length=16)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"safety plan of {self.user_id}"
