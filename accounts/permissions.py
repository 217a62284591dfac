"""Who may do what with accounts."""

from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.roles import MODERATORS


def has_two_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def can_open_console(user) -> bool:
    """Staff may open the moderator console only once they have enabled 2FA."""
    return bool(user.is_authenticated and user.is_active and user.is_staff and has_two_factor(user))


def is_moderator(user) -> bool:
    """Staff in the Moderators group, and operators (superusers), hold the moderator role.

    A role, not a scope: what a moderator may read or act on depends on the forums they are
    assigned (forums.visibility.Viewer.moderates, moderation.permissions)."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name=MODERATORS).exists()


def check_block_member(user, member) -> None:
    """Raise ValidationError, kindly, when `user` may not block `member`: themself, or a
    moderator (moderation notices must always reach members; mute them instead)."""
    if member.pk == user.pk:
        raise ValidationError(_("You cannot block yourself."), code="self")
    if is_moderator(member):
        raise ValidationError(
            _(
                "%(handle)s is a moderator, and moderators cannot be blocked: they must always "
                "be able to reach you about your posts and your safety. You can mute them to "
                "hide their posts from your lists, or report a concern about them."
            )
            % {"handle": member.handle},
            code="moderator",
        )


def check_mute_member(user, member) -> None:
    """Raise ValidationError when `user` tries to mute themself."""
    if member.pk == user.pk:
        raise ValidationError(_("You cannot mute yourself."), code="self")
