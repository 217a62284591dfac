"""The staff roles and their console permissions, kept in one place.

A data migration creates the groups; later migrations call `sync_role_permissions` again when
features add models. Operators are superusers in practice; the group documents their scope.
"""

MODERATORS = "Moderators"
OPERATORS = "Operators"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    MODERATORS: [
        "accounts.view_user",
        "moderation.view_rule",
    ],
    OPERATORS: [
        "accounts.view_user",
        "accounts.change_user",
        "auth.view_group",
        "auth.change_group",
        "moderation.view_rule",
        "moderation.add_rule",
        "moderation.change_rule",
        "moderation.view_rulesversion",
        "moderation.add_rulesversion",
        "moderation.change_rulesversion",
    ],
}


def sync_role_permissions(apps=None) -> None:
    """Create the role groups and give each exactly its listed permissions."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    historical = apps is not None and apps is not global_apps
    apps = apps or global_apps
    for app_config in apps.get_app_configs():
        # In a migration the historical app configs have no models module; permissions are
        # created only for apps that have one, hence the toggle.
        if historical:
            app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        if historical:
            app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role)
        permissions = []
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            permissions.append(
                permission_model.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(permissions)
