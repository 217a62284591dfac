"""Handle rules: 3–30 letters, digits, _ or -; reserved names refused."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from django_countries import countries

HANDLE_MIN_LENGTH = 3
HANDLE_MAX_LENGTH = 30

# Names that could pass for staff or the site itself. Compared case-insensitively and with
# separators removed, so "Mod_erator" is refused like "moderator".
RESERVED_HANDLES = frozenset(
    {
        "abuse",
        "account",
        "accounts",
        "admin",
        "administrator",
        "anonymous",
        "console",
        "formermember",
        "guest",
        "hearth",
        "help",
        "helpline",
        "info",
        "members",
        "mod",
        "moderator",
        "moderators",
        "mods",
        "noreply",
        "null",
        "official",
        "operator",
        "operators",
        "postmaster",
        "root",
        "security",
        "settings",
        "staff",
        "support",
        "system",
        "team",
        "webmaster",
    }
)

handle_format_validator = RegexValidator(
    regex=rf"^[A-Za-z0-9_-]{{{HANDLE_MIN_LENGTH},{HANDLE_MAX_LENGTH}}}$",
    message=_("Handles are 3 to 30 characters: letters, digits, underscores (_) and hyphens (-)."),
    code="invalid_handle",
)


def normalise_handle(handle: str) -> str:
    return re.sub(r"[_-]", "", handle).casefold()


def validate_handle_not_reserved(handle: str) -> None:
    """A reserved name, or a look-alike of one (`m0derator`, `Hearth`), is refused."""
    from accounts.handles import handle_skeleton, reserved_skeletons  # noqa: PLC0415  (accounts.handles imports this module)

    if normalise_handle(handle) in RESERVED_HANDLES or (
        handle_skeleton(handle) in reserved_skeletons()
    ):
        raise ValidationError(
            _("“%(handle)s” is reserved. Please choose another handle."),
            code="reserved_handle",
            params={"handle": handle},
        )


def validate_new_handle(
    handle: str, *, exclude_pk: int | None = None, for_staff: bool = False
) -> None:
    """A new handle may not pass for staff, the site or another member (accounts.handles);
    the kind refusal suggests free alternatives."""
    from accounts.handles import handle_clash  # noqa: PLC0415  (accounts.handles imports this module)

    clash = handle_clash(handle, exclude_pk=exclude_pk, for_staff=for_staff)
    if clash is None:
        return
    if clash.is_reserved:
        message = _(
            "“%(handle)s” is reserved: people could mistake it for a staff account or for the "
            "site itself."
        )
    else:
        message = _(
            "“%(handle)s” looks very like a handle someone already uses, and people could "
            "mix the two of you up."
        )
    if clash.suggestions:
        message += " " + _("How about %(suggestions)s? Or choose one of your own.")
    else:
        message += " " + _("Please choose another one.")
    raise ValidationError(
        message,
        code="reserved_handle" if clash.is_reserved else "confusable_handle",
        params={"handle": handle, "suggestions": ", ".join(clash.suggestions)},
    )


HANDLE_VALIDATORS = [handle_format_validator, validate_handle_not_reserved]
# Sign-up (allauth's ACCOUNT_USERNAME_VALIDATORS): the format, then reserved names and
# look-alikes with a kind refusal that suggests free handles.
SIGNUP_HANDLE_VALIDATORS = [handle_format_validator, validate_new_handle]


def validate_country_code(value: str) -> None:
    """An ISO 3166-1 alpha-2 country code (upper case), or empty."""
    if value and (value != value.upper() or value not in countries):
        raise ValidationError(_("Choose a country from the list."))
