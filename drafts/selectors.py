"""Reads of drafts: a composer's saved text, the Drafts page and the member's export."""

import json
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from core import crypto
from drafts.enums import PlaceKind
from drafts.models import Draft
from drafts.places import Place, place_from_key, place_owners

EXCERPT_LENGTH = 120


def draft_fields(draft: Draft) -> dict[str, str] | None:
    """The draft's fields, or None when its key is gone or the row does not authenticate."""
    try:
        text = crypto.unseal(
            draft.ciphertext, key_id=draft.key_id, associated_data=draft.associated_data
        )
    except (crypto.MessageKeyMissing, crypto.MessageTampered):
        return None
    return json.loads(text)


def draft_get_for(*, user, place: Place) -> tuple[dict[str, str], datetime] | None:
    """`user`'s saved draft for `place` as (fields, saved at), or None."""
    draft = Draft.objects.filter(user=user, place_key=place.key).first()
    if draft is None:
        return None
    fields = draft_fields(draft)
    return (fields, draft.updated_at) if fields is not None else None


@dataclass
class DraftRow:
    """One line of the Drafts page: what it is, where it belongs (None when that place is no
    longer reachable: the draft stays readable and can be discarded)."""

    draft: Draft
    kind_label: str
    where: str
    url: str | None
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def excerpt(self) -> str:
        text = self.fields.get("title") or self.fields.get("body", "")
        text = " ".join(text.split())
        return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1] + "…"


def _targets(user, drafts: list[Draft]) -> dict[str, tuple[str, str | None]]:
    """Where each draft's place is and its composer URL, as the app owning the place answers
    for what `user` may reach now."""
    ids: dict[str, set[int]] = {}
    for draft in drafts:
        ids.setdefault(draft.kind, set()).add(draft.target_id)
    found: dict[str, tuple[str, str | None]] = {}
    for owner in place_owners.entries():
        owned = {kind: targets for kind, targets in ids.items() if kind in owner.limits}
        if owned:
            found.update(owner.describe(user, owned))
    return found


def draft_list_for(user) -> list[DraftRow]:
    """`user`'s drafts, most recently saved first, each with where it belongs."""
    drafts = list(Draft.objects.filter(user=user).order_by("-updated_at", "-pk"))
    targets = _targets(user, drafts)
    rows = []
    for draft in drafts:
        where, url = targets.get(draft.place_key, (_("a place you can no longer reach"), None))
        rows.append(
            DraftRow(
                draft=draft,
                kind_label=PlaceKind(draft.kind).label,
                where=where,
                url=url,
                fields=draft_fields(draft) or {},
            )
        )
    return rows


def drafts_for_export(user) -> list[dict]:
    """`user`'s drafts for their data export: where each belongs (kind and id) and its text."""
    rows = []
    for draft in Draft.objects.filter(user=user).order_by("created_at", "pk"):
        place = place_from_key(draft.place_key)
        rows.append(
            {
                "kind": draft.kind,
                "place_id": place.target_id if place and place.target_id else None,
                "created_at": draft.created_at,
                "saved_at": draft.updated_at,
                **(draft_fields(draft) or {}),
            }
        )
    return rows
