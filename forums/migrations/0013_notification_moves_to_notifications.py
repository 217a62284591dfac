# The Notification model now belongs to the notifications app (its migration 0001 takes it
# over in Django's state); the table forums_notification and its rows stay where they are.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0012_post_crisis_review_pending"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Notification")],
            database_operations=[],
        ),
    ]
