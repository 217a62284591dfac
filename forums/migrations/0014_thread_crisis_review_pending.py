"""Threads whose opening post awaits crisis review: visitors see a neutral title meanwhile.

The flag copies the opening post's `is_crisis_review_pending`; existing threads take it from
their opening post here.
"""

from django.db import migrations, models


def backfill(apps, schema_editor):
    Post = apps.get_model("forums", "Post")
    Thread = apps.get_model("forums", "Thread")
    pending = Post.objects.filter(position=1, is_crisis_review_pending=True).values("thread_id")
    Thread.objects.filter(pk__in=pending).update(is_crisis_review_pending=True)


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0013_notification_moves_to_notifications"),
    ]

    operations = [
        migrations.AddField(
            model_name="thread",
            name="is_crisis_review_pending",
            field=models.BooleanField(db_default=False, default=False, editable=False),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
