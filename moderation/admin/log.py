from django.contrib import admin

from moderation.models import ModerationAction


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    """The audit log: browse and filter; nobody can add, change or delete entries."""

    list_display = (
        "created_at",
        "actor_handle",
        "kind",
        "target_kind",
        "target_id",
        "member",
        "rules_cited",
    )
    list_filter = ("kind", "target_kind", "created_at", "forum")
    search_fields = ("actor_handle", "member__handle")
    date_hierarchy = "created_at"
    list_select_related = ("member",)
    readonly_fields = [field.name for field in ModerationAction._meta.fields]

    @admin.display(description="rules")
    def rules_cited(self, obj) -> str:
        return ", ".join(str(rule["number"]) for rule in obj.rules)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
