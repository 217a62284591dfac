"""Members in the console, with their moderation history."""

from django.contrib import admin

from accounts.admin import MemberAdmin
from accounts.models import User
from moderation.models import MemberNote, Sanction
from moderation.selectors import member_history


class SanctionInline(admin.TabularInline):
    model = Sanction
    fk_name = "member"
    extra = 0
    can_delete = False
    fields = ("kind", "starts_at", "ends_at", "lifted_at", "created_by")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class MemberNoteInline(admin.TabularInline):
    model = MemberNote
    fk_name = "member"
    extra = 0
    can_delete = False
    fields = ("created_at", "author", "text")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


admin.site.unregister(User)


@admin.register(User)
class MemberModerationAdmin(MemberAdmin):
    inlines = [*MemberAdmin.inlines, SanctionInline, MemberNoteInline]
    change_form_template = "admin/accounts/user/member_change_form.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        member = self.get_object(request, object_id)
        extra = {"history": member_history(member) if member else None}
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **extra})
