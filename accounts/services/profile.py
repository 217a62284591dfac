"""Profile fields and their audiences; healthy-use preferences; taking a break."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts import hooks
from accounts.models import Profile, User

PROFILE_FIELDS = (
    "about_me",
    "about_me_visibility",
    "pronouns",
    "pronouns_visibility",
    "country_visibility",
    "age_range",
    "age_range_visibility",
    "experiences_visibility",
    "last_seen_visibility",
    "posts_visibility",
)
# Free-text fields: checked at save and screened in full by a worker after commit.
TEXT_FIELDS = ("about_me", "pronouns")
WELLBEING_FIELDS = (
    "break_reminder_minutes",
    "has_late_night_reminder",
    "late_night_start",
    "late_night_end",
)


@transaction.atomic
def profile_update(*, user: User, values: dict, confirmed_personal_info: bool = False) -> Profile:
    """Save `user`'s profile fields, their visibility, experiences and (private) country.

    `values` holds fields of PROFILE_FIELDS, and optionally `experiences` (tags) and `country`.
    Changed text is prechecked first (raising ProfileTextRefused or ProfileNeedsConfirmation
    with nothing saved), then screened in full after commit. The returned profile's
    `is_crisis_at_submit` says whether the new text contains crisis language.
    """
    profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
    changed = {
        field: values[field]
        for field in TEXT_FIELDS
        if field in values and values[field] != getattr(profile, field)
    }
    texts, is_crisis = hooks.profile_text_precheck(
        user=user, texts=changed, confirmed_personal_info=confirmed_personal_info
    )
    for field in PROFILE_FIELDS:
        if field in values:
            setattr(profile, field, texts.get(field, values[field]))
    if changed:
        profile.text_revision += 1
    profile.updated_at = timezone.now()
    profile.save()
    if changed:
        hooks.profile_text_changed(profile)
    if "experiences" in values:
        profile.experiences.set(values["experiences"])
    if "country" in values and values["country"] != user.country:
        user.country = (values["country"] or "").upper()
        user.save(update_fields=["country"])
    profile.is_crisis_at_submit = is_crisis
    return profile


def profile_text_hold(*, profile: Profile) -> bool:
    """Hide `profile`'s text fields from other members; return whether anything changed."""
    if profile.is_text_held:
        return False
    profile.is_text_held = True
    profile.save(update_fields=["is_text_held"])
    return True


def profile_text_release(*, profile: Profile) -> bool:
    """Show `profile`'s text fields again; return whether anything changed."""
    if not profile.is_text_held:
        return False
    profile.is_text_held = False
    profile.save(update_fields=["is_text_held"])
    return True


def wellbeing_update(*, user: User, values: dict) -> None:
    """Save `user`'s break and late-night reminder choices (fields of WELLBEING_FIELDS)."""
    for field in WELLBEING_FIELDS:
        if field in values:
            setattr(user, field, values[field])
    user.save(update_fields=[field for field in WELLBEING_FIELDS if field in values])


def onboarding_complete(*, user: User, values: dict | None = None) -> bool:
    """Record that `user` answered (saving `values`, fields of WELLBEING_FIELDS) or dismissed
    the welcome page's healthy-use options; return whether it was still open."""
    fields = [field for field in WELLBEING_FIELDS if values and field in values]
    for field in fields:
        setattr(user, field, values[field])
    was_open = user.onboarding_done_at is None
    if was_open:
        user.onboarding_done_at = timezone.now()
        fields.append("onboarding_done_at")
    if fields:
        user.save(update_fields=fields)
    return was_open


def break_start(*, user: User, until: datetime) -> None:
    """Pause `user`'s notifications and digests until `until` (take a break)."""
    user.break_until = until
    user.save(update_fields=["break_until"])


def break_end(*, user: User) -> bool:
    """End `user`'s break now; return whether they were on one."""
    was_on_break = user.break_until is not None and user.break_until > timezone.now()
    user.break_until = None
    user.save(update_fields=["break_until"])
    return was_on_break
