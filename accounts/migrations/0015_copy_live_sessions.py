"""Copy the live sessions from Django's `django_session` into `accounts_membersession`, each
decoded once to record its member, so nobody is logged out by the upgrade. The old table is
left as it was (`clearsessions` no longer reads it; drop its rows when the upgrade is settled)."""

from django.db import migrations
from django.utils import timezone

BATCH = 1000


def copy_live_sessions(apps, schema_editor):
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    OldSession = apps.get_model("sessions", "Session")
    MemberSession = apps.get_model("accounts", "MemberSession")
    alias = schema_editor.connection.alias
    decoder = SessionStore()  # decoding depends on SECRET_KEY only, not on the store's table
    live = OldSession.objects.using(alias).filter(expire_date__gt=timezone.now())
    batch = []
    for old in live.iterator(chunk_size=BATCH):
        try:
            member_id = int(decoder.decode(old.session_data).get(SESSION_KEY))
        except (TypeError, ValueError):
            member_id = None
        batch.append(
            MemberSession(
                session_key=old.session_key,
                session_data=old.session_data,
                expire_date=old.expire_date,
                member_id=member_id,
            )
        )
        if len(batch) >= BATCH:
            MemberSession.objects.using(alias).bulk_create(batch, ignore_conflicts=True)
            batch = []
    MemberSession.objects.using(alias).bulk_create(batch, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0014_member_session"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_live_sessions, migrations.RunPython.noop)]
