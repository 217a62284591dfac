from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.models import Consent, ExperienceTag, PeerSupporter, User
from accounts.services.peer import peer_supporter_grant, peer_supporter_revoke
from accounts.validators import validate_new_handle
from core.converters import MAX_ID


class MemberForm(forms.ModelForm):
    """A changed handle follows the sign-up rules: no look-alike of another member's handle,
    and no staff title unless the account is staff."""

    def clean_handle(self):
        handle = self.cleaned_data["handle"]
        if self.instance.pk is None or handle != self.instance.handle:
            validate_new_handle(
                handle,
                exclude_pk=self.instance.pk,
                for_staff=bool(self.cleaned_data.get("is_staff", self.instance.is_staff)),
            )
        return handle


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "version", "accepted_at")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(User)
class MemberAdmin(admin.ModelAdmin):
    """Members in the console. Emails are shown to operators (superusers) only."""

    form = MemberForm
    list_display = ("handle", "date_joined", "is_active", "is_staff")
    list_filter = ("is_active", "is_staff", "groups")
    search_fields = ("handle",)
    ordering = ("-date_joined",)
    readonly_fields = ("date_joined", "last_login")
    inlines = [ConsentInline]

    def get_fields(self, request, obj=None):
        fields = ["handle", "is_active", "date_joined", "last_login", "timezone"]
        if request.user.is_superuser:
            fields[1:1] = ["email", "is_staff", "is_superuser", "groups"]
        return fields

    def get_search_fields(self, request):
        if request.user.is_superuser:
            return ("handle", "email")
        return ("handle",)

    def get_list_display(self, request):
        return self.list_display

    @admin.display(description=_("handle"))
    def handle_display(self, obj):
        return obj.handle


@admin.register(ExperienceTag)
class ExperienceTagAdmin(admin.ModelAdmin):
    """The experiences members may choose to list on their profile; operators keep the list."""

    list_display = ("name", "order", "is_active")
    list_editable = ("order", "is_active")
    search_fields = ("name",)


@admin.register(PeerSupporter)
class PeerSupporterAdmin(admin.ModelAdmin):
    """Operators grant the peer-supporter role after training. It gives no moderation powers:
    a quiet badge, the waiting list and asking a moderator to check in on someone.

    (Safety plans are deliberately not registered here: they are private to their member.)
    """

    list_display = ("user", "trained_on", "granted_at", "granted_by")
    search_fields = ("user__handle",)
    autocomplete_fields = ("user",)
    readonly_fields = ("granted_at", "granted_by")

    def get_object(self, request, object_id, from_field=None):
        # The key is the member's id through a one-to-one link, which Django's admin does not
        # range-check as it does plain ids: a number past a 64-bit key is simply not found.
        if not str(object_id).isdigit() or int(object_id) > MAX_ID:
            return None
        return super().get_object(request, object_id, from_field)

    def get_readonly_fields(self, request, obj=None):
        # The member is chosen once; changing it would move the role to someone else.
        return (*self.readonly_fields, "user") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        obj = peer_supporter_grant(
            user=form.cleaned_data.get("user") or obj.user,
            trained_on=form.cleaned_data["trained_on"],
            acting_user=request.user,
        )
        form.instance = obj

    def delete_model(self, request, obj):
        peer_supporter_revoke(user=obj.user)

    def delete_queryset(self, request, queryset):
        for supporter in queryset.select_related("user"):
            peer_supporter_revoke(user=supporter.user)
