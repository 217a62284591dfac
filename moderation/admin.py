from django.contrib import admin

from moderation.models import Rule, RulesVersion


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "order", "is_active")
    list_editable = ("order", "is_active")
    ordering = ("order", "number")


@admin.register(RulesVersion)
class RulesVersionAdmin(admin.ModelAdmin):
    list_display = ("number", "published_at", "is_significant")
    readonly_fields = ("published_at",)
