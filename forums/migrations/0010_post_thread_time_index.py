"""An index on a thread's posts by time, for the digests' "new in watched threads".

Built CONCURRENTLY on PostgreSQL, so a live site keeps posting while it builds (a few seconds
per million posts); hence a non-atomic migration. Elsewhere, a plain CREATE INDEX.
"""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models
from django.db.migrations.operations import AddIndex


class AddIndexConcurrentlyOnPostgres(AddIndexConcurrently):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)
        else:
            AddIndex.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
        else:
            AddIndex.database_backwards(self, app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("forums", "0009_notification_kind_message"),
    ]

    operations = [
        AddIndexConcurrentlyOnPostgres(
            model_name="post",
            index=models.Index(fields=["thread", "created_at"], name="forums_post_thread_time"),
        ),
    ]
