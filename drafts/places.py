"""Where a draft belongs, the limits of what it holds, and the signed token a composer carries.

A composer renders a place token only after its view has checked that the member may write
there; the save endpoint trusts the token's signature instead of repeating every view's rules.

Drafts sits below the apps whose composers it serves and never imports them: each of them
(forums, conversations) registers the kinds of place it owns in its `AppConfig.ready()`, with
their limits and how the Drafts page names and links them (`place_owners`, a `core.hooks`
registry). A kind nobody registered fails the system check (`drafts.checks`) and raises
`HookNotFilled` at first use.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core import signing
from django.utils.translation import gettext as _

from core.hooks import Registry
from drafts.enums import PlaceKind

PLACE_SALT = "hearth.drafts.place"
FIELDS = ("title", "content_warning", "to", "body")
RECIPIENTS_MAX_LENGTH = 200

# Where a member's drafts of some kinds belong, for the Drafts page: place key → (where, in
# words, and the composer's URL, or None when the member may no longer write there). Checked
# against what the member may reach now: a place hidden since is left out (named only vaguely).
PlaceDescriber = Callable[[Any, dict[str, set[int]]], dict[str, tuple[str, str | None]]]


@dataclass(frozen=True)
class PlaceOwner:
    """What an app tells drafts about the places to write that it owns."""

    # The most each field may hold, per kind of place: the same limits as the post or message.
    limits: Mapping[str, Mapping[str, int]]
    # Called once per Drafts page with the target ids of the member's drafts of these kinds.
    describe: PlaceDescriber


# Who owns each kind of draft place (each kind has exactly one owner; one owner may register
# several kinds).
place_owners: Registry[PlaceOwner] = Registry(
    "drafts.places.place_owners",
    filled_by="the app owning the kind (forums, conversations)",
    kinds=PlaceKind.values,
)


def kept_limits() -> dict[str, int]:
    """The most of each field a kept submission holds: the longest any composer takes."""
    longest: dict[str, int] = {}
    for owner in place_owners.entries():
        for limits in owner.limits.values():
            for name, limit in limits.items():
                longest[name] = max(longest.get(name, 0), limit)
    return longest


@dataclass(frozen=True)
class Place:
    kind: str
    target_id: int = 0

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.target_id}"

    def limits(self) -> dict[str, int]:
        """The most each field may hold: the same limits as the post or message itself."""
        return dict(place_owners[self.kind].limits[self.kind])


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
