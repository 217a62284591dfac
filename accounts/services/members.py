"""Account changes other apps ask for: the earned trust level, the site's own account."""

from accounts.enums import TrustLevel
from accounts.models import User


def member_trust_level_set(*, user: User, level: TrustLevel) -> bool:
    """Store the trust level `user` has earned; return whether it changed."""
    if level == user.trust_level:
        return False
    user.trust_level = level
    user.save(update_fields=["trust_level"])
    return True


def site_account_create(*, handle: str) -> User:
    """Create the site's own account (scheduled threads are posted under it): staff without
    groups or two-factor, so it moderates nothing and cannot open the console, and with no
    usable password, so it cannot log in."""
    # Staff: the purge of unverified accounts and the look-alike handle report leave it alone.
    user = User.objects.create_user(
        handle=handle,
        email="",
        trust_level=TrustLevel.TRUSTED,
        is_staff=True,
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return user
