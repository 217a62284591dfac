"""Where a draft belongs, the limits of what it holds, and the signed token a composer carries.

A composer renders a place token only after its view has checked that the member may write
there; the save endpoint trusts the token's signature instead of repeating every view's rules.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.utils.translation import gettext as _

from conversations.models import MESSAGE_MAX_LENGTH
from drafts.enums import PlaceKind
from forums.models import BODY_MAX_LENGTH, CONTENT_WARNING_MAX_LENGTH, TITLE_MAX_LENGTH

PLACE_SALT = "hearth.drafts.place"
FIELDS = ("title", "content_warning", "to", "body")
RECIPIENTS_MAX_LENGTH = 200
# The most of each field a kept submission holds: the longest any composer takes.
KEPT_LIMITS = {
    "title": TITLE_MAX_LENGTH,
    "content_warning": CONTENT_WARNING_MAX_LENGTH,
    "to": RECIPIENTS_MAX_LENGTH,
    "body": max(BODY_MAX_LENGTH, MESSAGE_MAX_LENGTH),
}
MESSAGE_KINDS = (PlaceKind.MESSAGE, PlaceKind.NEW_MESSAGE)


@dataclass(frozen=True)
class Place:
    kind: str
    target_id: int = 0

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.target_id}"

    @property
    def is_message(self) -> bool:
        return self.kind in MESSAGE_KINDS

    def limits(self) -> dict[str, int]:
        """The most each field may hold: the same limits as the post or message itself."""
        if self.is_message:
            return {"to": RECIPIENTS_MAX_LENGTH, "body": MESSAGE_MAX_LENGTH}
        limits = {"content_warning": CONTENT_WARNING_MAX_LENGTH, "body": BODY_MAX_LENGTH}
        if self.kind == PlaceKind.THREAD:
            limits["title"] = TITLE_MAX_LENGTH
        return limits


@dataclass(frozen=True)
class SignedPlace:
    user_id: int
    place: Place
    path: str


def place_from_key(key: str) -> Place | None:
    kind, _sep, target = key.partition(":")
    if kind not in PlaceKind.values or not target.isdigit():
        return None
    return Place(kind=kind, target_id=int(target))


def place_token(*, user_id: int, place: Place, path: str) -> str:
    """Sign (member, place, composer path) for the composer's hidden `draft_place` field."""
    return signing.dumps({"u": user_id, "p": place.key, "path": path}, salt=PLACE_SALT)


def place_token_read(token: str, *, max_age: timedelta | None = None) -> SignedPlace | None:
    """The signed place, or None for anything forged, altered, malformed or older than
    `max_age`."""
    try:
        data = signing.loads(token or "", salt=PLACE_SALT, max_age=max_age)
        place = place_from_key(data["p"])
        user_id, path = int(data["u"]), str(data["path"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if place is None or not path.startswith("/"):
        return None
    return SignedPlace(user_id=user_id, place=place, path=path)


def field_labels() -> dict[str, str]:
    return {
        "title": _("Title"),
        "content_warning": _("Content warning"),
        "to": _("To"),
        "body": _("Your text"),
    }


def copy_fields(fields: dict[str, str]) -> list[tuple[str, str, str]]:
    """(name, label, value) of each field, for boxes to copy the text from."""
    labels = field_labels()
    return [(name, labels[name], value) for name, value in fields.items()]


def fields_from(data) -> dict[str, str]:
    """The writing fields of a form post (never passwords, tokens or anything else)."""
    return {name: str(data.get(name, "")) for name in FIELDS if data.get(name)}
