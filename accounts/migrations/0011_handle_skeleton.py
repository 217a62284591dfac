from django.db import migrations, models


def fill_skeletons(apps, schema_editor):
    from accounts.handles import handle_skeleton

    User = apps.get_model("accounts", "User")
    batch = []
    for user in User.objects.only("pk", "handle").iterator(chunk_size=2000):
        user.handle_skeleton = handle_skeleton(user.handle)
        batch.append(user)
        if len(batch) >= 2000:
            User.objects.bulk_update(batch, ["handle_skeleton"])
            batch = []
    User.objects.bulk_update(batch, ["handle_skeleton"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0010_email_bounces"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="handle_skeleton",
            field=models.CharField(
                db_default="", db_index=True, default="", editable=False, max_length=120
            ),
        ),
        migrations.RunPython(fill_skeletons, migrations.RunPython.noop, elidable=True),
    ]
