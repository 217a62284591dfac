"""Every write on drafts and kept submissions. Text is sealed before it reaches the database and
never screened: a draft is not a post, nobody else reads it."""

import json
import secrets
from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from core import crypto
from drafts.models import Draft, KeptSubmission
from drafts.places import FIELDS, Place, kept_limits

MAX_DRAFTS_PER_MEMBER = 50
KEPT_SALT = "hearth.drafts.kept"
KEPT_MAX_AGE = timedelta(hours=24)
KEPT_SESSION_KEY = "hearth_kept_submissions"
KEPT_IN_SESSION = 5


class DraftRefused(Exception):
    """The draft cannot be saved; the message is shown to the member as is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _check_size(*, place: Place, fields: dict[str, str]) -> None:
    for name, limit in place.limits().items():
        length = len(fields.get(name, ""))
        if length > limit:
            raise DraftRefused(
                _(
                    "This draft is too long to save: %(field)s can be at most %(max)s "
                    "characters and has %(n)s. Your text is still here; shorten it to save it."
                )
                % {"field": _field_name(name), "max": limit, "n": length}
            )


def _field_name(name: str) -> str:
    return {
        "title": _("the title"),
        "content_warning": _("the content warning"),
        "to": _("the recipients"),
        "body": _("the text"),
    }[name]


def _clean(place: Place, fields: dict[str, str]) -> dict[str, str]:
    return {name: fields[name] for name in FIELDS if name in place.limits() and fields.get(name)}


@transaction.atomic
def draft_save(*, user: User, place: Place, fields: dict[str, str]) -> Draft | None:
    """Store `user`'s draft for `place`, sealed; an empty draft is discarded (returns None).

    Raises DraftRefused when a field is over the post's limit or the member already keeps
    MAX_DRAFTS_PER_MEMBER drafts elsewhere; nothing is written then.
    """
    fields = _clean(place, fields)
    if not any(value.strip() for value in fields.values()):
        draft_discard(user=user, place=place)
        return None
    _check_size(place=place, fields=fields)
    draft = Draft.objects.select_for_update().filter(user=user, place_key=place.key).first()
    if draft is None:
        # Lock the member's row so two first saves cannot both pass the count.
        User.objects.select_for_update().filter(pk=user.pk).values_list("pk").first()
        kept = Draft.objects.filter(user=user).count()
        if kept >= MAX_DRAFTS_PER_MEMBER:
            raise DraftRefused(
                ngettext(
                    "You already keep %(n)s draft, the most there can be. Post or discard one "
                    "on your Drafts page to save this one; your text is still here.",
                    "You already keep %(n)s drafts, the most there can be. Post or discard one "
                    "on your Drafts page to save this one; your text is still here.",
                    kept,
                )
                % {"n": kept}
            )
        draft = Draft(user=user, place_key=place.key, kind=place.kind, target_id=place.target_id)
    draft.ciphertext, draft.key_id = crypto.seal(
        json.dumps(fields), associated_data=draft.associated_data
    )
    draft.updated_at = timezone.now()
    draft.save()
    return draft


def draft_discard(*, user: User, place: Place) -> bool:
    """Delete `user`'s draft for `place` (posted or thrown away); return whether there was one."""
    deleted, _rows = Draft.objects.filter(user=user, place_key=place.key).delete()
    return bool(deleted)


def draft_discard_by_id(*, user: User, draft_id: int) -> bool:
    """Delete one of `user`'s drafts by id (another member's id deletes nothing)."""
    deleted, _rows = Draft.objects.filter(user=user, pk=draft_id).delete()
    return bool(deleted)


def member_drafts_erase(*, user: User) -> None:
    """Delete every draft and kept submission of `user` (account erasure)."""
    Draft.objects.filter(user=user).delete()
    KeptSubmission.objects.filter(owner=user).delete()


def drafts_reencrypt(*, batch_size: int = 500) -> int:
    """Re-seal drafts and kept submissions written with an older key under the newest one;
    return how many. Rows whose key is gone or that do not authenticate are left as they are."""
    current = crypto.current_key_id()
    changed = 0
    for model in (Draft, KeptSubmission):
        for row in model.objects.exclude(key_id=current).iterator(chunk_size=batch_size):
            try:
                text = crypto.unseal(
                    row.ciphertext, key_id=row.key_id, associated_data=row.associated_data
                )
            except (crypto.MessageKeyMissing, crypto.MessageTampered):
                continue
            row.ciphertext, row.key_id = crypto.seal(text, associated_data=row.associated_data)
            row.save(update_fields=["ciphertext", "key_id"])
            changed += 1
    return changed


def kept_submission_create(
    *, path: str, fields: dict[str, str], owner: User | None, session
) -> str:
    """Keep a form post's writing fields for a day; return the signed token that leads to it.

    The token id is also remembered in `session`, so only the browser that sent the text can
    take it back (a token copied elsewhere restores nothing). Raises DraftRefused for a field
    longer than any composer takes.
    """
    limits = kept_limits()
    for name, value in fields.items():
        if len(value) > limits.get(name, 0):
            raise DraftRefused(
                _("It is longer than any post or message can be, so it could not be kept.")
            )
    kept = KeptSubmission(token_id=secrets.token_urlsafe(32), owner=owner, path=path[:200])
    kept.ciphertext, kept.key_id = crypto.seal(
        json.dumps(fields), associated_data=kept.associated_data
    )
    kept.save()
    token_id = kept.token_id
    remembered = [*session.get(KEPT_SESSION_KEY, []), token_id][-KEPT_IN_SESSION:]
    session[KEPT_SESSION_KEY] = remembered
    return signing.dumps(token_id, salt=KEPT_SALT)


@transaction.atomic
def kept_submission_take(*, user: User, token: str, path: str, session) -> dict[str, str] | None:
    """Hand back (and delete) the text kept under `token` for the composer at `path`.

    None when the token is forged or older than a day, belongs to another browser, another
    composer or another member.
    """
    try:
        token_id = signing.loads(token, salt=KEPT_SALT, max_age=KEPT_MAX_AGE)
    except signing.BadSignature:
        return None
    if token_id not in session.get(KEPT_SESSION_KEY, []):
        return None
    kept = (
        KeptSubmission.objects.select_for_update()
        .filter(token_id=token_id, path=path, created_at__gte=timezone.now() - KEPT_MAX_AGE)
        .first()
    )
    if kept is None or (kept.owner_id is not None and kept.owner_id != user.pk):
        return None
    try:
        text = crypto.unseal(
            kept.ciphertext, key_id=kept.key_id, associated_data=kept.associated_data
        )
    except (crypto.MessageKeyMissing, crypto.MessageTampered):
        return None
    kept.delete()
    session[KEPT_SESSION_KEY] = [t for t in session.get(KEPT_SESSION_KEY, []) if t != token_id]
    return json.loads(text)


def kept_submissions_purge(*, now=None) -> int:
    """Delete kept submissions older than a day; return how many."""
    cutoff = (now or timezone.now()) - KEPT_MAX_AGE
    deleted, _rows = KeptSubmission.objects.filter(created_at__lt=cutoff).delete()
    return deleted
