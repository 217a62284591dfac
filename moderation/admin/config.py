from django.contrib import admin
from django.db import models

from moderation.models import ModeratorAssignment, Rule, RulesVersion, SiteSettings


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "order", "is_active")
    list_editable = ("order", "is_active")
    ordering = ("order", "number")


@admin.register(RulesVersion)
class RulesVersionAdmin(admin.ModelAdmin):
    list_display = ("number", "published_at", "is_significant")
    readonly_fields = ("published_at",)


@admin.register(ModeratorAssignment)
class ModeratorAssignmentAdmin(admin.ModelAdmin):
    list_display = ("moderator", "forum")
    list_filter = ("forum",)
    autocomplete_fields = ("moderator",)


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    raw_id_fields = ("site_identity",)

    def has_add_permission(self, request) -> bool:
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
