"""Data rights: export a member's data as a ZIP; erase an account after a 7-day grace period."""

import json
import logging
import secrets
import zipfile
from datetime import timedelta
from pathlib import Path

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from accounts import exporting, hooks
from accounts.cache_keys import EMAIL_PAUSED, PEER_SUPPORTER_IDS, RULES_ACCEPTED, cache_forget
from accounts.enums import ErasureMode, ErasureStatus, ExportStatus
from accounts.erasure_ledger import ERASURE_HANDLES, ERASURE_KEEPS  # noqa: F401  (its old home)
from accounts.models import (
    Block,
    Consent,
    EmailBounce,
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
from accounts.selectors import (
    export_get_current,
    peer_supporter_badge_ids_forget_kept,
    verified_email_for,
)
from accounts.services.sessions import member_sessions_end
from core.tasks import enqueue_on_commit

logger = logging.getLogger(__name__)

EXPORT_VALID_FOR = timedelta(days=7)
ERASURE_GRACE = timedelta(days=7)
ERASED_PLACEHOLDER_PREFIX = "former-"

# --- Export ------------------------------------------------------------------------------------


def export_dir() -> Path:
    """Where archives live: PRIVATE_FILES_ROOT, never under MEDIA or static (not web-served)."""
    return Path(settings.PRIVATE_FILES_ROOT) / "exports"


def export_request(*, user: User) -> tuple[ExportRequest, bool]:
    """Return `user`'s export being prepared or still valid, or start one (enqueued after
    commit); also whether it is new. Asking twice gives the same job and link."""
    from accounts.tasks import build_export  # noqa: PLC0415  (accounts.tasks imports these services)

    with transaction.atomic():
        # One request at a time per member, so two clicks cannot start two jobs.
        User.objects.select_for_update().filter(pk=user.pk).first()
        current = export_get_current(user=user)
        if current is not None:
            return current, False
        export = ExportRequest.objects.create(user=user, token=secrets.token_urlsafe(32))
        # Robust: with the broker down the request still succeeds; a pending export older
        # than a day is dropped by the daily purge, so the member can ask again.
        enqueue_on_commit(build_export, export.pk)
    return export, True


def _archive_write(export: ExportRequest, data: dict) -> str:
    folder = export_dir() / str(export.user_id)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{export.token}.zip"
    partial = folder / f"{name}.partial"
    sections = [
        (key.replace("_", " ").capitalize(), _html_of(value)) for key, value in data.items()
    ]
    index = render_to_string(
        "accounts/export/index.html", {"handle": data["account"]["handle"], "sections": sections}
    )
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2))
        archive.writestr("index.html", index)
    partial.replace(folder / name)  # the archive appears whole or not at all
    return f"{export.user_id}/{name}"


def _html_of(value) -> SafeString:
    """Render exported data as nested lists, every value escaped (it includes what the member
    wrote, which must not become markup when they open the page)."""
    if isinstance(value, dict):
        items = "".join(
            f"<dt>{escape(str(key).replace('_', ' '))}</dt><dd>{_html_of(item)}</dd>"
            for key, item in value.items()
        )
        return SafeString(f"<dl>{items}</dl>" if items else "<p>—</p>")
    if isinstance(value, (list, tuple)):
        items = "".join(f"<li>{_html_of(item)}</li>" for item in value)
        return SafeString(f"<ol>{items}</ol>" if items else "<p>—</p>")
    if value is None or value == "":
        return SafeString("—")
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    return SafeString(f'<span class="value">{escape(str(value))}</span>')


def export_path(export: ExportRequest) -> Path:
    return export_dir() / export.file_name


def export_build(*, export_id: int) -> bool:
    """Build the archive of a pending export, then notify the member in the site and by email.

    Idempotent: an export that is not pending is left alone. Returns whether it was built.
    """
    with transaction.atomic():
        export = (
            ExportRequest.objects.select_for_update()
            .select_related("user")
            .filter(pk=export_id, status=ExportStatus.PENDING)
            .first()
        )
        if export is None:
            return False
        export.file_name = _archive_write(export, exporting.member_data(export.user))
        now = timezone.now()
        export.status = ExportStatus.READY
        export.ready_at = now
        export.expires_at = now + EXPORT_VALID_FOR
        export.save(update_fields=["file_name", "status", "ready_at", "expires_at"])
        link = reverse("accounts:export_download", kwargs={"token": export.token})
        # An account notice, like a moderation notice: no post, a site-relative link.
        hooks.member_notice_send(
            user=export.user,
            text=_("Your data archive is ready. The link works for 7 days, only for you."),
            link=link,
        )
    _export_email_send(export, link)
    return True


def _export_email_send(export: ExportRequest, link: str) -> None:
    to = verified_email_for(user_id=export.user_id)
    if to is None:
        return
    context = {
        "handle": export.user.handle,
        "url": f"{settings.SITE_URL}{link}",
        "expires_at": export.expires_at,
        "site_name": settings.SITE_NAME,
    }
    subject = _("Your %(site)s data archive is ready") % {"site": settings.SITE_NAME}
    body = render_to_string("accounts/email/export_ready.txt", context)
    try:
        send_mail(subject, body, None, [to], fail_silently=False)
    except OSError:
        # The notification in the site has the same link; never log the address.
        logger.warning("export email for member %s failed", export.user_id)


def exports_purge_expired(*, now=None) -> int:
    """Delete expired export archives (files and rows) and stale failed ones; return how many."""
    now = now or timezone.now()
    stale = ExportRequest.objects.filter(
        Q(expires_at__lt=now)
        | Q(status=ExportStatus.PENDING, created_at__lt=now - timedelta(days=1))
    )
    count = 0
    for export in stale:
        _export_files_delete(export)
        export.delete()
        count += 1
    return count


def _export_files_delete(export: ExportRequest) -> None:
    if export.file_name:
        export_path(export).unlink(missing_ok=True)


# --- Erasure -----------------------------------------------------------------------------------


@transaction.atomic
def erasure_request(*, user: User, mode: str) -> ErasureRequest:
    """Schedule the erasure of `user`'s account in 7 days (or update the pending request's
    choice). Open sanctions do not stop it: the audit log keeps its pseudonymised record."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    now = timezone.now()
    erasure = ErasureRequest.objects.filter(user=user, status=ErasureStatus.PENDING).first()
    if erasure is None:
        erasure = ErasureRequest.objects.create(
            user=user, mode=mode, requested_at=now, scheduled_for=now + ERASURE_GRACE
        )
        # A member at risk asking to leave: their crisis case hears of it (the grace stands).
        erasure.is_at_risk = hooks.erasure_requested(
            member=user, scheduled_for=erasure.scheduled_for
        )
        return erasure
    erasure.mode = mode
    erasure.save(update_fields=["mode"])
    erasure.is_at_risk = False
    return erasure


def erasure_cancel(*, user: User) -> bool:
    """Cancel `user`'s pending erasure (they logged in during the grace period)."""
    return bool(
        ErasureRequest.objects.filter(user=user, status=ErasureStatus.PENDING).update(
            status=ErasureStatus.CANCELLED, cancelled_at=timezone.now()
        )
    )


def erasures_run_due(*, now=None) -> int:
    """Erase every account whose grace period is over; return how many."""
    now = now or timezone.now()
    due = ErasureRequest.objects.filter(
        status=ErasureStatus.PENDING, scheduled_for__lte=now
    ).values_list("pk", flat=True)
    return sum(1 for erasure_id in list(due) if account_erase(erasure_id=erasure_id))


def _placeholder_handle() -> str:
    while True:
        handle = f"{ERASED_PLACEHOLDER_PREFIX}{secrets.token_hex(6)}"
        if not User.objects.filter(handle__iexact=handle).exists():
            return handle


def account_erase(*, erasure_id: int) -> bool:
    """Erase a member whose grace period is over; return whether anything was erased.

    Deletes their email addresses, profile, preferences, blocks and mutes, sessions, export
    files, MFA authenticators, personal activity, drafts, private messages they sent (the
    others see a placeholder) and their conversation with the moderators; their posts lose
    their author (and, with "erase my posts", their text, earlier versions and search vector);
    the member row stays, pseudonymised, because the append-only audit log and sanctions point
    at it.
    """
    with transaction.atomic():
        erasure = (
            ErasureRequest.objects.select_for_update()
            .select_related("user")
            .filter(pk=erasure_id, status=ErasureStatus.PENDING)
            .first()
        )
        if erasure is None:
            return False
        user = erasure.user
        erase_posts = erasure.mode == ErasureMode.ERASE_POSTS
        # Each app's own rows, in the order its step declares (moderation's excerpts before the
        # forum posts they are found through; private messages go whatever the mode).
        hooks.erasure_steps(user, erase_posts=erase_posts)
        exports = list(ExportRequest.objects.filter(user=user))
        _personal_rows_delete(user)
        _member_row_pseudonymise(user)
        _console_history_pseudonymise(user)
        erasure.status = ErasureStatus.DONE
        erasure.completed_at = timezone.now()
        erasure.save(update_fields=["status", "completed_at"])
    # After the commit: a failed erasure keeps everything, files included.
    for export in exports:
        _export_files_delete(export)
    member_sessions_end(user=user)
    _cache_forget(user.pk)
    return True


def _console_history_pseudonymise(user: User) -> None:
    # Django's admin history names the changed object by its text at the time (the handle).
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(object_repr=user.handle)


def _personal_rows_delete(user: User) -> None:
    Block.objects.filter(Q(blocker=user) | Q(blocked=user)).delete()
    Mute.objects.filter(Q(user=user) | Q(member=user)).delete()
    personal = (
        MuteWord,
        Profile,
        Consent,
        EmailPreferences,
        EmailDelivery,
        EmailBounce,
        SafetyPlan,
        PeerSupporter,
    )
    for model in (*personal, ExportRequest):
        model.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()  # and its confirmation keys
    Authenticator.objects.filter(user=user).delete()  # TOTP secret and recovery codes


def _member_row_pseudonymise(user: User) -> None:
    user.handle = _placeholder_handle()
    user.email = ""
    user.set_unusable_password()  # also invalidates password-reset links and sessions
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.country = ""
    user.timezone = "UTC"
    user.last_login = None
    user.break_reminder_minutes = 0
    user.has_late_night_reminder = False
    user.break_until = None
    user.has_member_filters = False
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def _cache_forget(user_id: int) -> None:
    cache_forget(EMAIL_PAUSED, user_id=user_id)
    cache_forget(RULES_ACCEPTED, user_id=user_id)
    cache_forget(PEER_SUPPORTER_IDS)
    peer_supporter_badge_ids_forget_kept()
