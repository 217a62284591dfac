"""Demo members for `seed_demo`: a few members, a moderator and an operator with 2FA enrolled."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group

from accounts import hooks, services
from accounts.enums import ConsentKind, MessagePermission, TrustLevel
from accounts.internals import recovery_codes_activate, totp_activate
from accounts.models import User
from accounts.roles import MODERATORS, OPERATORS

DEMO_PASSWORD = "hearth-demo-pass"  # noqa: S105 - printed on purpose for the local demo

# Fixed demo TOTP secrets (base32) so the printed login keeps working across re-seeds.
DEMO_TOTP_SECRETS = {
    "river_mod": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    "ops_willow": "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU",
}


@dataclass(frozen=True)
class DemoLogin:
    role: str
    handle: str
    password: str
    user: User
    note: str = ""


def _member(handle: str, *, timezone_name: str = "Europe/London", **flags) -> User:
    user = User.objects.filter(handle__iexact=handle).first()
    if user is None:
        user = User.objects.create_user(
            handle, email=f"{handle}@example.invalid", password=DEMO_PASSWORD, **flags
        )
    user.timezone = timezone_name
    for name, value in flags.items():
        setattr(user, name, value)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    services.consent_record(
        user=user, kind=ConsentKind.COMMUNITY_RULES, version=hooks.rules_version_current()
    )
    return user


def _enrol_two_factor(user: User) -> str:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        totp_activate(user, DEMO_TOTP_SECRETS[user.handle])
    first_code = recovery_codes_activate(user).wrap().get_unused_codes()[0]
    return f"TOTP secret {DEMO_TOTP_SECRETS[user.handle]}, or recovery code {first_code}"


def seed_accounts() -> list[DemoLogin]:
    """Create (or refresh) the demo members and return their logins."""
    logins = []
    # sam-walks and lumen42 have replied to each other's threads and accept messages from such
    # members, so the demo can show private messages; the others keep a new member's defaults.
    talkative = {"trust_level": TrustLevel.MEMBER, "message_permission": MessagePermission.REPLIED}
    for handle, tz, flags in [
        ("quiet_fern", "Europe/London", {}),
        ("morningtea", "America/New_York", {}),
        ("sam-walks", "Australia/Sydney", talkative),
        ("lumen42", "Europe/Berlin", talkative),
    ]:
        member = _member(handle, timezone_name=tz, **flags)
        logins.append(DemoLogin("member", handle, DEMO_PASSWORD, member))

    moderator = _member("river_mod", is_staff=True)
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    logins.append(
        DemoLogin(
            "moderator", moderator.handle, DEMO_PASSWORD, moderator, _enrol_two_factor(moderator)
        )
    )
    operator = _member("ops_willow", is_staff=True, is_superuser=True)
    operator.groups.add(Group.objects.get(name=OPERATORS))
    logins.append(
        DemoLogin("operator", operator.handle, DEMO_PASSWORD, operator, _enrol_two_factor(operator))
    )
    return logins
