"""Drafts and kept submissions. Their text exists only as ciphertext (core/crypto.py):
unpublished writing is as private as a message, so every draft is sealed, not only the drafts of
private messages."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from drafts.enums import PlaceKind


class Draft(models.Model):
    """What a member has written but not yet posted, one per member and place."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    # "<kind>:<target id>", e.g. "reply:42"; "new_message:0" for a new conversation.
    place_key = models.CharField(max_length=40)
    kind = models.CharField(max_length=12, choices=PlaceKind.choices)
    target_id = models.PositiveBigIntegerField()
    # AES-GCM of the fields as JSON, bound to the member and the place.
    ciphertext = models.BinaryField()
    key_id = models.CharField(max_length=16, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        constraints = [
            models.UniqueConstraint(fields=["user", "place_key"], name="drafts_one_per_place"),
        ]

    def __str__(self) -> str:
        return f"draft {self.place_key} of {self.user_id}"

    @property
    def associated_data(self) -> bytes:
        """What the ciphertext is bound to: a row moved to another member or place fails."""
        return f"hearth-draft:{self.user_id}:{self.place_key}".encode()


class KeptSubmission(models.Model):
    """A form post the site could not accept as it was (the session had ended, or a draft could
    not be saved), kept at most a day so the member finds the text again after logging in.

    Only the random `token_id` (inside a signed token) leads to it; the browser that sent it
    also carries that id in its session.
    """

    token_id = models.CharField(max_length=43, unique=True)
    # Known when the form carried the member's signed place (every composer does).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    path = models.CharField(max_length=200)
    ciphertext = models.BinaryField()
    key_id = models.CharField(max_length=16)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("kept submission")
        verbose_name_plural = _("kept submissions")

    def __str__(self) -> str:
        return f"kept submission {self.pk}"

    @property
    def associated_data(self) -> bytes:
        return f"hearth-kept:{self.token_id}".encode()
