"""Blocks, mutes and muted words: each change also keeps `User.has_member_filters` true exactly
when the member has any, so pages skip the filters (and their query) for everyone else."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.enums import MuteKind
from accounts.models import MAX_MUTE_WORDS, MUTE_WORD_MAX_LENGTH, Block, Mute, MuteWord, User
from accounts.permissions import check_block_member, check_mute_member


def _filters_flag_refresh(user: User) -> None:
    has_any = (
        Block.objects.filter(blocker=user).exists()
        or Mute.objects.filter(user=user).exists()
        or MuteWord.objects.filter(user=user).exists()
    )
    if user.has_member_filters != has_any:
        User.objects.filter(pk=user.pk).update(has_member_filters=has_any)
        user.has_member_filters = has_any
    user.__dict__.pop("_member_filters", None)
    user.__dict__.pop("_viewer", None)  # forums.visibility.Viewer carries them too


@transaction.atomic
def block_create(*, user: User, member: User) -> bool:
    """Block `member` for `user` (they are not told); return whether it is new.

    Raises ValidationError for oneself and for moderators.
    """
    check_block_member(user, member)
    _block, created = Block.objects.get_or_create(blocker=user, blocked=member)
    _filters_flag_refresh(user)
    return created


@transaction.atomic
def block_delete(*, user: User, member_id: int) -> bool:
    """Lift `user`'s block of `member_id`; return whether there was one."""
    deleted, _count = Block.objects.filter(blocker=user, blocked_id=member_id).delete()
    _filters_flag_refresh(user)
    return bool(deleted)


@transaction.atomic
def mute_member(*, user: User, member: User) -> bool:
    """Mute `member` for `user`; return whether it is new."""
    check_mute_member(user, member)
    _mute, created = Mute.objects.get_or_create(user=user, kind=MuteKind.MEMBER, member=member)
    _filters_flag_refresh(user)
    return created


@transaction.atomic
def mute_forum(*, user: User, forum) -> bool:
    """Mute `forum` for `user`; return whether it is new."""
    _mute, created = Mute.objects.get_or_create(user=user, kind=MuteKind.FORUM, forum=forum)
    _filters_flag_refresh(user)
    return created


@transaction.atomic
def mute_delete(*, user: User, kind: str, target_id: int) -> bool:
    """Lift `user`'s mute of a member or forum; return whether there was one."""
    target = {"member_id": target_id} if kind == MuteKind.MEMBER else {"forum_id": target_id}
    deleted, _count = Mute.objects.filter(user=user, kind=kind, **target).delete()
    _filters_flag_refresh(user)
    return bool(deleted)


def mute_words_parse(text: str) -> list[str]:
    """Split `text` into muted words or phrases (one per line or comma), checking lengths."""
    words = []
    seen = set()
    for raw in re.split(r"[\n,]", text):
        word = " ".join(raw.split())
        if not word or word.casefold() in seen:
            continue
        if len(word) > MUTE_WORD_MAX_LENGTH:
            raise ValidationError(
                _(
                    "“%(start)s…” is too long: each word or phrase may have up to "
                    "%(max)d characters."
                )
                % {"start": word[:20], "max": MUTE_WORD_MAX_LENGTH},
                code="too_long",
            )
        seen.add(word.casefold())
        words.append(word)
    return words


@transaction.atomic
def mute_words_add(*, user: User, text: str) -> int:
    """Add the words or phrases in `text` to `user`'s muted words; return how many are new.

    Raises ValidationError when one is too long or the list would pass MAX_MUTE_WORDS.
    """
    User.objects.select_for_update().filter(pk=user.pk).first()  # one change at a time
    words = mute_words_parse(text)
    have = set(
        MuteWord.objects.filter(user=user)
        .annotate(low=Lower("phrase"))
        .values_list("low", flat=True)
    )
    new = [word for word in words if word.lower() not in have]
    if len(have) + len(new) > MAX_MUTE_WORDS:
        raise ValidationError(
            ngettext(
                "You can mute up to %(max)d words or phrases; you have %(count)d already. "
                "Remove some before adding more.",
                "You can mute up to %(max)d words or phrases; you have %(count)d already. "
                "Remove some before adding more.",
                MAX_MUTE_WORDS,
            )
            % {"max": MAX_MUTE_WORDS, "count": len(have)},
            code="too_many",
        )
    MuteWord.objects.bulk_create([MuteWord(user=user, phrase=word) for word in new])
    _filters_flag_refresh(user)
    return len(new)


@transaction.atomic
def mute_word_delete(*, user: User, word_id: int) -> bool:
    """Remove one of `user`'s muted words; return whether it existed."""
    deleted, _count = MuteWord.objects.filter(user=user, pk=word_id).delete()
    _filters_flag_refresh(user)
    return bool(deleted)
