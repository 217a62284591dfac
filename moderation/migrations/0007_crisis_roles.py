from django.db import migrations


def sync_roles(apps, schema_editor):
    from accounts.roles import sync_role_permissions

    sync_role_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0006_crisis"),
        ("accounts", "0003_user_country"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
