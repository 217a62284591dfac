# The Notification model moves from forums to notifications: only Django's idea of which app
# owns it changes. The table (forums_notification), its rows, constraints and indexes stay
# exactly as they are, so nothing is copied and nothing is lost on deploy.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def content_type_to_notifications(apps, schema_editor):
    # Permissions and admin log entries keep pointing at the same model.
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="notifications", model="notification").exists():
        ContentType.objects.filter(app_label="forums", model="notification").update(
            app_label="notifications"
        )


def content_type_to_forums(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="forums", model="notification").exists():
        ContentType.objects.filter(app_label="notifications", model="notification").update(
            app_label="forums"
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("forums", "0012_post_crisis_review_pending"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Notification",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("reply", "Reply in a thread you watch"),
                                    ("mention", "Mention"),
                                    ("quote", "Quote"),
                                    ("new_thread", "New thread in a forum you follow"),
                                    ("moderation_notice", "Moderation notice"),
                                    ("account", "About your account"),
                                    ("message", "Private message"),
                                ],
                                max_length=24,
                            ),
                        ),
                        ("text", models.TextField(blank=True)),
                        ("link", models.CharField(blank=True, max_length=300)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("read_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "actor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "post",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="forums.post",
                            ),
                        ),
                        (
                            "recipient",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="notifications",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "thread",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="forums.thread",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "forums_notification",
                        "ordering": ["-created_at", "-id"],
                        "indexes": [
                            models.Index(
                                fields=["recipient", "-created_at"],
                                name="forums_notifications_list",
                            ),
                            models.Index(
                                condition=models.Q(("read_at__isnull", True)),
                                fields=["recipient"],
                                name="forums_unread",
                            ),
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(
                                    ("post__isnull", False),
                                    models.Q(("kind", "moderation_notice"), _negated=True),
                                ),
                                fields=("recipient", "post"),
                                name="forums_notification_once_per_post",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_to_notifications, content_type_to_forums),
    ]
