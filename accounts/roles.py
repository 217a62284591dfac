"""The staff roles and their console permissions, kept in one place.

A data migration creates the groups; later migrations call `sync_role_permissions` again when
features add models. Operators are superusers in practice; the group documents their scope.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

MODERATORS = "Moderators"
OPERATORS = "Operators"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    MODERATORS: [
        "accounts.view_user",
        "accounts.view_experiencetag",
        "moderation.view_rule",
        "moderation.view_case",
        "moderation.change_case",
        "moderation.view_report",
        "moderation.view_sanction",
        "moderation.view_membernote",
        "moderation.view_helpline",
        "moderation.view_oncallshift",
        "forums.view_section",
        "forums.view_forum",
        "forums.view_thread",
        "forums.view_post",
        "forums.view_postrevision",
    ],
    OPERATORS: [
        "accounts.view_user",
        "accounts.change_user",
        "accounts.view_experiencetag",
        "accounts.add_experiencetag",
        "accounts.change_experiencetag",
        "accounts.delete_experiencetag",
        "accounts.view_peersupporter",
        "accounts.add_peersupporter",
        "accounts.change_peersupporter",
        "accounts.delete_peersupporter",
        "auth.view_group",
        "auth.change_group",
        "moderation.view_rule",
        "moderation.add_rule",
        "moderation.change_rule",
        "moderation.view_rulesversion",
        "moderation.add_rulesversion",
        "moderation.change_rulesversion",
        "moderation.view_case",
        "moderation.change_case",
        "moderation.view_report",
        "moderation.view_sanction",
        "moderation.view_membernote",
        "moderation.view_moderationaction",
        "moderation.view_moderatorassignment",
        "moderation.add_moderatorassignment",
        "moderation.change_moderatorassignment",
        "moderation.delete_moderatorassignment",
        "moderation.view_sitesettings",
        "moderation.change_sitesettings",
        "moderation.view_helpline",
        "moderation.add_helpline",
        "moderation.change_helpline",
        "moderation.delete_helpline",
        "moderation.view_oncallshift",
        "moderation.add_oncallshift",
        "moderation.change_oncallshift",
        "moderation.delete_oncallshift",
        "moderation.view_escalationcontact",
        "moderation.add_escalationcontact",
        "moderation.change_escalationcontact",
        "moderation.delete_escalationcontact",
        "moderation.view_crisisnotification",
        "moderation.export_crisis_metrics",
        "forums.view_section",
        "forums.add_section",
        "forums.change_section",
        "forums.view_forum",
        "forums.add_forum",
        "forums.change_forum",
        "forums.view_forumaccess",
        "forums.add_forumaccess",
        "forums.delete_forumaccess",
        "forums.view_thread",
        "forums.view_post",
        "forums.view_postrevision",
        "forums.view_checkinschedule",
        "forums.add_checkinschedule",
        "forums.change_checkinschedule",
        "forums.delete_checkinschedule",
    ],
}


# Permissions declared in a model's Meta.permissions, by the model that declares them.
CUSTOM_PERMISSION_MODELS = {"export_crisis_metrics": "crisisalert"}


def sync_role_permissions(apps=None) -> None:
    """Create the role groups and give each exactly its listed permissions."""
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
            model_name = CUSTOM_PERMISSION_MODELS.get(codename, codename.split("_", 1)[1])
            if not _model_exists(apps, app_label, model_name):
                continue  # A model added later syncs its permissions in its own migration.
            permissions.append(
                permission_model.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(permissions)


def _model_exists(apps, app_label: str, model_name: str) -> bool:
    try:
        apps.get_model(app_label, model_name)
    except LookupError:
        return False
    return True
