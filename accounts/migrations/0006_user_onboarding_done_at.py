from django.db import migrations, models
from django.db.models import F


def existing_members_are_past_the_welcome(apps, schema_editor):
    # Members who joined before the welcome page existed are not arriving for the first time:
    # do not send them there on their next login (the same options are in Settings).
    User = apps.get_model("accounts", "User")
    User.objects.filter(onboarding_done_at__isnull=True).update(onboarding_done_at=F("date_joined"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_privacy_and_control"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="onboarding_done_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="healthy-use options offered"
            ),
        ),
        migrations.RunPython(existing_members_are_past_the_welcome, migrations.RunPython.noop),
    ]
