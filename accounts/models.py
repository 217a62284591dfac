from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin, UserManager
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.enums import ConsentKind, TrustLevel
from accounts.validators import HANDLE_MAX_LENGTH, HANDLE_VALIDATORS


class MemberManager(UserManager):
    def get_by_natural_key(self, username):
        # Handles are unique case-insensitively, so log-in by handle is too.
        return self.get(handle__iexact=username)

    def _create_user(self, handle, email, password, **extra_fields):
        user = self.model(handle=handle, email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, handle, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(handle, email, password, **extra_fields)

    def create_superuser(self, handle, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(handle, email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A member: known to others only by a public handle; the email stays private."""

    handle = models.CharField(
        _("handle"),
        max_length=HANDLE_MAX_LENGTH,
        unique=True,
        validators=HANDLE_VALIDATORS,
        help_text=_("Your public name here. Letters, digits, _ and -; 3 to 30 characters."),
    )
    email = models.EmailField(_("email address"))
    is_staff = models.BooleanField(_("staff"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    timezone = models.CharField(_("time zone"), max_length=64, default="UTC")
    trust_level = models.CharField(
        _("trust level"), max_length=16, choices=TrustLevel.choices, default=TrustLevel.NEW
    )

    objects = MemberManager()

    USERNAME_FIELD = "handle"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            # Case-insensitive uniqueness; Upper() matches the index Django uses for iexact.
            models.UniqueConstraint(Upper("handle"), name="accounts_user_handle_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.handle

    def get_absolute_url(self) -> str:
        return reverse("accounts:profile", kwargs={"handle": self.handle})

    def get_short_name(self) -> str:
        return self.handle

    def get_full_name(self) -> str:
        return self.handle


class Consent(models.Model):
    """A member's acceptance of a versioned document, such as the community rules."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=32, choices=ConsentKind.choices)
    version = models.PositiveIntegerField()
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "version"], name="accounts_consent_once_per_version"
            )
        ]
        indexes = [models.Index(fields=["user", "kind", "-version"])]

    def __str__(self) -> str:
        return f"{self.user} accepted {self.kind} v{self.version}"
