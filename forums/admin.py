"""Console pages for operators: configure sections and forums; read threads and posts.

Content changes go through the moderation console (which calls forums.services), so threads
and posts are read-only here.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from forums import hooks
from forums.models import (
    CheckInSchedule,
    Forum,
    ForumAccess,
    ForumOfficeHours,
    Post,
    PostRevision,
    Section,
    Thread,
)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("name", "order")
    list_editable = ("order",)


class ForumAccessInline(admin.TabularInline):
    model = ForumAccess
    fk_name = "forum"
    extra = 0
    autocomplete_fields = ("user",)
    readonly_fields = ("granted_by", "granted_at")


class ForumOfficeHoursInline(admin.TabularInline):
    """Staffed hours: members see "staffed now" or the next period, in their own time zone."""

    model = ForumOfficeHours
    extra = 0
    verbose_name = _("staffed period")
    verbose_name_plural = _("staffed hours (members see them in their own time zone)")


class CheckInScheduleInline(admin.StackedInline):
    """Recurring prompt threads ("Monday check-in"), opened by the scheduler each week."""

    model = CheckInSchedule
    extra = 0
    fields = ("title", "body", "weekday", "time_of_day", "time_zone", "is_active")


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ("name", "section", "visibility", "thread_starters", "order", "thread_count")
    list_filter = ("visibility", "section")
    list_editable = ("order",)
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("thread_count", "post_count", "last_post_at")
    inlines = [ForumOfficeHoursInline, CheckInScheduleInline, ForumAccessInline]
    fieldsets = (
        (None, {"fields": ("name", "slug", "section", "order", "description")}),
        (
            _("Posting"),
            {
                "fields": (
                    "visibility",
                    "thread_starters",
                    "is_content_warning_required",
                    "is_new_member_post_held",
                    "is_support",
                    "guidance",
                    "office_hours",
                )
            },
        ),
        (_("Counters"), {"fields": ("thread_count", "post_count", "last_post_at")}),
    )


class ReadOnlyAdmin(admin.ModelAdmin):
    # The path from the row to its forum: a moderator assigned to some forums reads only
    # their content here, as in the queue (other forums' rows do not exist for them).
    forum_path = "forum"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        scope = hooks.moderator_scope(request.user)
        if scope is None:
            return queryset
        return queryset.filter(**{f"{self.forum_path}__in": scope})

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Thread)
class ThreadAdmin(ReadOnlyAdmin):
    list_display = ("title", "forum", "status", "is_pinned", "is_locked", "reply_count")
    list_filter = ("status", "is_pinned", "is_locked", "forum")
    list_select_related = ("forum",)
    search_fields = ("title",)
    show_full_result_count = False


@admin.register(Post)
class PostAdmin(ReadOnlyAdmin):
    forum_path = "thread__forum"
    list_display = ("__str__", "author", "status", "screening_state", "created_at")
    list_filter = ("status", "screening_state")
    list_select_related = ("author",)
    raw_id_fields = ("thread",)
    exclude = ("search_vector",)
    show_full_result_count = False


@admin.register(PostRevision)
class PostRevisionAdmin(ReadOnlyAdmin):
    forum_path = "post__thread__forum"
    list_display = ("post", "revision", "created_at")
    raw_id_fields = ("post",)
