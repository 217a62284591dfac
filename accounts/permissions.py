"""Who may do what with accounts."""

from allauth.mfa.models import Authenticator

from accounts.roles import MODERATORS


def has_two_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def can_open_console(user) -> bool:
    """Staff may open the moderator console only once they have enabled 2FA."""
    return bool(user.is_authenticated and user.is_active and user.is_staff and has_two_factor(user))


def is_moderator(user) -> bool:
    """Staff in the Moderators group, and operators (superusers), moderate content."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name=MODERATORS).exists()
