"""Read queries about members."""

import re
from dataclasses import dataclass
from functools import cached_property

from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Lower
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from accounts import hooks
from accounts.cache_keys import PEER_SUPPORTER_IDS
from accounts.enums import DeliveryStatus, ErasureStatus, ExportStatus, FieldVisibility, MuteKind
from accounts.handles import is_reserved_handle
from accounts.models import (
    Block,
    EmailDelivery,
    EmailPreferences,
    ErasureRequest,
    ExportRequest,
    Mute,
    MuteWord,
    PeerSupporter,
    Profile,
    SafetyPlan,
    User,
)
from accounts.permissions import is_moderator
from accounts.safety_plan import SECTIONS, unseal_sections
from core import crypto
from core.cache import KeptInProcess


def member_get_by_handle(*, handle: str) -> User:
    """Return the active member with this handle (any letter case), or raise 404."""
    return get_object_or_404(User, handle__iexact=handle, is_active=True)


def verified_email_for(*, user_id: int) -> str | None:
    """Return the member's primary verified address now (never a stale copy), or None."""
    return (
        EmailAddress.objects.filter(user_id=user_id, primary=True, verified=True)
        .values_list("email", flat=True)
        .first()
    )


def email_preferences_for_sending(*, user_id: int, kind: str) -> EmailPreferences | None:
    """Return the member's email preferences with the member, their primary verified address
    as it is now (`verified_email`, None if they have none) and whether a delivery of `kind`
    is unfinished (`has_unfinished_delivery`), in one query."""
    address = EmailAddress.objects.filter(
        user_id=OuterRef("user_id"), primary=True, verified=True
    ).values("email")[:1]
    unfinished = EmailDelivery.objects.filter(
        user_id=OuterRef("user_id"),
        kind=kind,
        status__in=(DeliveryStatus.SENDING, DeliveryStatus.RETRYING),
    )
    return (
        EmailPreferences.objects.select_related("user")
        .annotate(verified_email=Subquery(address), has_unfinished_delivery=Exists(unfinished))
        .filter(user_id=user_id)
        .first()
    )


def member_get_active(*, user_id: int) -> User | None:
    """Return the active member with this id, or None."""
    return User.objects.filter(pk=user_id, is_active=True).first()


# --- Breaks ------------------------------------------------------------------------------------


def member_is_on_break(user, *, now=None) -> bool:
    """Return whether `user` paused their account ("take a break"): no notifications or
    digests until it ends. Reads the member row only (no query)."""
    until = getattr(user, "break_until", None)
    return until is not None and until > (now or timezone.now())


# --- Blocks, mutes and muted words ---------------------------------------------------------------


@dataclass(frozen=True)
class MemberFilters:
    """Whom and what a member blocked or muted (threads are muted in forums)."""

    blocked_ids: frozenset[int] = frozenset()
    muted_member_ids: frozenset[int] = frozenset()
    muted_forum_ids: frozenset[int] = frozenset()
    mute_words: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (
            self.blocked_ids or self.muted_member_ids or self.muted_forum_ids or self.mute_words
        )

    @property
    def hidden_member_ids(self) -> frozenset[int]:
        """Members whose threads, notifications and digest items the member does not see."""
        return self.blocked_ids | self.muted_member_ids

    @cached_property
    def _word_re(self) -> re.Pattern | None:
        if not self.mute_words:
            return None
        # Whole words, any letter case; a phrase matches with any spacing between its words.
        parts = [r"\s+".join(map(re.escape, word.split())) for word in self.mute_words]
        return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)

    def has_muted_word(self, *texts: str) -> bool:
        """Return whether any of `texts` contains one of the member's muted words."""
        pattern = self._word_re
        return pattern is not None and any(pattern.search(text) for text in texts if text)


NO_FILTERS = MemberFilters()


def member_filters_for(user) -> MemberFilters:
    """Return `user`'s blocks, mutes and muted words: no query for members without any (the
    flag is on their row), else one, remembered on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.has_member_filters:
        return NO_FILTERS
    cached = getattr(user, "_member_filters", None)
    if cached is not None:
        return cached
    blocks = (
        Block.objects.filter(blocker=user)
        .annotate(k=Value("b"), target=F("blocked_id"), text=Value(""))
        .values_list("k", "target", "text")
    )
    mutes = (
        Mute.objects.filter(user=user)
        .annotate(k=F("kind"), target=Coalesce("member_id", "forum_id"), text=Value(""))
        .values_list("k", "target", "text")
    )
    words = (
        MuteWord.objects.filter(user=user)
        .annotate(k=Value("w"), target=Value(0), text=F("phrase"))
        .values_list("k", "target", "text")
    )
    found: dict[str, set] = {"b": set(), MuteKind.MEMBER: set(), MuteKind.FORUM: set(), "w": set()}
    for kind, target, text in blocks.union(mutes, words, all=True):
        found[kind].add(text if kind == "w" else target)
    filters = MemberFilters(
        blocked_ids=frozenset(found["b"]),
        muted_member_ids=frozenset(found[MuteKind.MEMBER]),
        muted_forum_ids=frozenset(found[MuteKind.FORUM]),
        mute_words=tuple(sorted(found["w"], key=str.casefold)),
    )
    user._member_filters = filters
    return filters


def member_ids_silencing(*, author_id: int | None, forum_id: int, user_ids) -> set[int]:
    """Return those of `user_ids` who must not be notified of a post by `author_id` in
    `forum_id`: they blocked or muted the author, muted the forum, or are on a break."""
    user_ids = set(user_ids)
    if not user_ids:
        return set()
    silencing = set(
        User.objects.filter(pk__in=user_ids, break_until__gt=timezone.now()).values_list(
            "pk", flat=True
        )
    )
    candidates = User.objects.filter(pk__in=user_ids, has_member_filters=True).values("pk")
    if author_id is not None:
        silencing |= set(
            Block.objects.filter(blocker_id__in=candidates, blocked_id=author_id).values_list(
                "blocker_id", flat=True
            )
        )
    silencing |= set(
        Mute.objects.filter(user_id__in=candidates)
        .filter(
            Q(kind=MuteKind.MEMBER, member_id=author_id) | Q(kind=MuteKind.FORUM, forum_id=forum_id)
        )
        .values_list("user_id", flat=True)
    )
    return silencing


def block_list_for(user) -> QuerySet[Block]:
    """Return the members `user` blocked, newest first."""
    return Block.objects.filter(blocker=user).select_related("blocked").order_by("-created_at")


def mute_list_for(user) -> QuerySet[Mute]:
    """Return the members and forums `user` muted, newest first."""
    return (
        Mute.objects.filter(user=user)
        .select_related("member", "forum")
        .order_by("kind", "-created_at")
    )


def mute_word_list_for(user) -> QuerySet[MuteWord]:
    """Return `user`'s muted words, alphabetically."""
    return MuteWord.objects.filter(user=user).order_by(Lower("phrase"))


# --- Profiles ----------------------------------------------------------------------------------


def _viewer_is_moderator(viewer) -> bool:
    cached = getattr(viewer, "_forums_is_moderator", None)
    if cached is None:
        cached = bool(viewer.is_authenticated and is_moderator(viewer))
        viewer._forums_is_moderator = cached
    return cached


def can_see_profile_field(viewer, member, visibility: str) -> bool:
    """Return whether `viewer` may see a field of `member`'s profile with this visibility.

    Visitors never see profile fields; "members" includes moderators; "only me" excludes them.
    """
    if viewer.is_authenticated and viewer.pk == member.pk:
        return True
    if not viewer.is_authenticated or visibility == FieldVisibility.ONLY_ME:
        return False
    if visibility == FieldVisibility.MEMBERS:
        return True
    return visibility == FieldVisibility.MODERATORS and _viewer_is_moderator(viewer)


def profile_get(*, user) -> Profile:
    """Return `user`'s profile with its experiences, or an unsaved one with the defaults."""
    profile = Profile.objects.filter(user=user).prefetch_related("experiences").first()
    return profile or Profile(user=user)


@dataclass
class ProfileView:
    """What one viewer may see of a member's profile."""

    fields: list[tuple[str, str]]
    may_see_last_seen: bool
    may_see_posts: bool
    is_own: bool
    is_text_held: bool = False


def profile_view_for(*, viewer, member) -> ProfileView:
    """Return the profile fields, last seen and post list of `member` that `viewer` may see."""
    profile = profile_get(user=member)
    is_own = viewer.is_authenticated and viewer.pk == member.pk
    # Text held by screening: only its author and the moderators reviewing it see it. Profile
    # cases belong to global moderators, so a moderator of some forums does not see it either.
    text_hidden = profile.is_text_held and not (is_own or _viewer_reviews_profiles(viewer))
    if profile.pk is None:
        values = []
    else:
        values = [
            (_("About me"), "" if text_hidden else profile.about_me, profile.about_me_visibility),
            (_("Pronouns"), "" if text_hidden else profile.pronouns, profile.pronouns_visibility),
            (_("Country"), _country_name(member.country), profile.country_visibility),
            (_("Age range"), profile.get_age_range_display(), profile.age_range_visibility),
            (
                _("Experiences I want to talk about"),
                ", ".join(tag.name for tag in profile.experiences.all()),
                profile.experiences_visibility,
            ),
        ]
    return ProfileView(
        fields=[
            (label, value)
            for label, value, visibility in values
            if value and can_see_profile_field(viewer, member, visibility)
        ],
        may_see_last_seen=can_see_profile_field(viewer, member, profile.last_seen_visibility),
        may_see_posts=can_see_profile_field(viewer, member, profile.posts_visibility),
        is_own=is_own,
        is_text_held=profile.is_text_held,
    )


def _viewer_reviews_profiles(viewer) -> bool:
    if not _viewer_is_moderator(viewer):
        return False
    return hooks.profile_reviewer(viewer)


def _country_name(code: str) -> str:
    if not code:
        return ""
    return str(countries.name(code)) or code


# --- Data rights -------------------------------------------------------------------------------


def export_get_current(*, user) -> ExportRequest | None:
    """Return `user`'s export being prepared or still downloadable, if any."""
    now = timezone.now()
    return (
        ExportRequest.objects.filter(user=user)
        .filter(Q(status=ExportStatus.PENDING) | Q(status=ExportStatus.READY, expires_at__gt=now))
        .order_by("-created_at")
        .first()
    )


def export_get_downloadable(*, user, token: str) -> ExportRequest:
    """Return `user`'s ready, unexpired export with this token, else raise 404 (someone else's
    link and an expired one look alike: neither says whether the archive exists)."""
    export = ExportRequest.objects.filter(user=user, token=token).first()
    if export is None or not export.is_downloadable():
        raise Http404
    return export


def erasure_get_pending(*, user) -> ErasureRequest | None:
    """Return `user`'s erasure request in its grace period, if any."""
    return ErasureRequest.objects.filter(user=user, status=ErasureStatus.PENDING).first()


def handle_collisions() -> tuple[list[list[str]], list[str]]:
    """Existing handles that could pass for each other (groups sharing a skeleton, oldest
    first) and members' handles that read as staff titles or the site's name."""
    shared = (
        User.objects.values("handle_skeleton")
        .annotate(count=Count("pk"))
        .filter(count__gt=1)
        .values_list("handle_skeleton", flat=True)
    )
    groups: dict[str, list[str]] = {}
    rows = User.objects.filter(handle_skeleton__in=shared).order_by("handle_skeleton", "pk")
    for skeleton, handle in rows.values_list("handle_skeleton", "handle"):
        groups.setdefault(skeleton, []).append(handle)
    members = User.objects.filter(is_staff=False).order_by("pk").values_list("handle", flat=True)
    reserved = [handle for handle in members.iterator() if is_reserved_handle(handle)]
    return list(groups.values()), reserved


# --- Peer support -------------------------------------------------------------------------------


def peer_supporter_ids() -> frozenset[int]:
    """The ids of every peer supporter, from the cache (a small set; reset when it changes)."""

    ids = cache.get(PEER_SUPPORTER_IDS.key())
    if ids is None:
        ids = list(PeerSupporter.objects.values_list("user_id", flat=True))
        cache.set(PEER_SUPPORTER_IDS.key(), ids, PEER_SUPPORTER_IDS.timeout)
    return frozenset(ids)


# The "peer supporter" badge on each post of a thread page is shown to visitors too, and
# reading the set from the cache was a visitor's only Redis round trip on that page. The badges
# alone use a copy each process keeps this long; what a supporter may do (ask for a check-in)
# is decided on the cached set itself, so a revoked role stops at once in every process.
PEER_SUPPORTER_BADGES_KEPT_SECONDS = 30
_badges_kept = KeptInProcess(PEER_SUPPORTER_BADGES_KEPT_SECONDS)


def peer_supporter_badge_ids() -> frozenset[int]:
    """The peer supporters' ids for their badges: kept in the process for a while, else from
    the cache. A grant or revoke shows at once in the process that made it, within
    `PEER_SUPPORTER_BADGES_KEPT_SECONDS` elsewhere. Never for permissions."""
    return _badges_kept.get(None, peer_supporter_ids)


def peer_supporter_badge_ids_forget_kept() -> None:
    """Forget this process's copy (the role changed here)."""
    _badges_kept.forget()


def is_peer_supporter(user) -> bool:
    """Return whether `user` is a peer supporter (no query while the cached set holds)."""
    return bool(user and user.is_authenticated and user.pk in peer_supporter_ids())


def safety_plan_for(user) -> dict | None:
    """The member's own safety plan, decrypted: {"sections": [...], "updated_at": ...}, or None.

    Only ever called with the member themself: no other viewer has a path to it. A plan whose
    key is gone or whose row was altered reads as {"is_unreadable": True} rather than failing.
    """
    if user is None or not user.is_authenticated:
        return None
    plan = SafetyPlan.objects.filter(user=user).first()
    if plan is None:
        return None
    try:
        values = unseal_sections(plan.sealed, key_id=plan.key_id, user_id=user.pk)
    except (crypto.MessageKeyMissing, crypto.MessageTampered):
        return {"is_unreadable": True, "updated_at": plan.updated_at, "sections": []}
    return {
        "is_unreadable": False,
        "updated_at": plan.updated_at,
        "values": values,
        "sections": [
            {"key": section.key, "title": section.title, "text": values[section.key]}
            for section in SECTIONS
        ],
        "has_content": any(value.strip() for value in values.values()),
    }
