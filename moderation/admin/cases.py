"""The queue and the case page."""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from conversations.models import ReportedMessage
from conversations.selectors import case_messages
from forums.models import Forum
from moderation import services
from moderation.console_actions import actions_for, perform_case_action
from moderation.enums import (
    CRISIS_OUTCOMES,
    CasePriority,
    EvidenceOutcome,
    ReportReason,
    TargetKind,
)
from moderation.evidence import evidence_for, needs_content_note
from moderation.forms import CaseActionForm
from moderation.models import OPEN_STATES, Case
from moderation.permissions import can_act_on_case, moderated_forum_ids
from moderation.selectors import (
    case_queue_for,
    member_history,
    moderator_care_for,
    pattern_case_posts,
    support_messages_for_case,
)
from moderation.services.crisis import reach_out_text_for
from moderation.services.messages import moderator_view_log


class QueueFilter(admin.SimpleListFilter):
    title = gettext_lazy("queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("open", _("Open and claimed")),
            ("mine", _("Claimed by me")),
            ("resolved", _("Resolved")),
            ("all", _("All")),
        ]

    def choices(self, changelist):
        # "Open" is the default view, so the "All" link must carry an explicit value.
        for lookup, title in self.lookup_choices:
            yield {
                "selected": (self.value() or "open") == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or "open"
        if value == "open":
            return queryset.filter(state__in=OPEN_STATES)
        if value == "mine":
            return queryset.filter(state__in=OPEN_STATES, claimed_by=request.user)
        if value == "resolved":
            return queryset.exclude(state__in=OPEN_STATES)
        return queryset


class ReasonFilter(admin.SimpleListFilter):
    title = gettext_lazy("reason")
    parameter_name = "reason"

    def lookups(self, request, model_admin):
        return ReportReason.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(reports__reason=self.value()).distinct()
        return queryset


class ForumFilter(admin.SimpleListFilter):
    title = gettext_lazy("forum")
    parameter_name = "forum"

    def lookups(self, request, model_admin):
        forums = Forum.objects.order_by("name")
        scope = moderated_forum_ids(request.user)
        if scope is not None:
            forums = forums.filter(pk__in=scope)
        return [(forum.pk, forum.name) for forum in forums]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not (value.isascii() and value.isdigit() and int(value) < 2**63):
            # The same "incorrect filter" page for any junk, never a server error.
            raise IncorrectLookupParameters(_("Choose a forum from the list."))
        return queryset.filter(forum_id=int(value))


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = (
        "priority_label",
        "age",
        "forum",
        "reasons",
        "source",
        "excerpt_short",
        "member",
        "state",
        "claimed_by",
    )
    list_display_links = ("priority_label", "excerpt_short")
    list_filter = (QueueFilter, ForumFilter, ReasonFilter, "source", "priority")
    search_fields = ("member__handle",)
    actions = ["claim_selected", "dismiss_selected"]
    list_per_page = 50

    def get_queryset(self, request):
        return case_queue_for(request.user).annotate(report_count=Count("reports"))

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=gettext_lazy("priority"), ordering="-priority")
    def priority_label(self, obj):
        return format_html(
            '<span class="case-priority case-priority-{}">{}</span>',
            CasePriority(obj.priority).name.lower(),
            obj.get_priority_display(),
        )

    @admin.display(description=gettext_lazy("age"), ordering="opened_at")
    def age(self, obj):
        return timesince(obj.opened_at, timezone.now())

    @admin.display(description=gettext_lazy("reasons"))
    def reasons(self, obj):
        labels = sorted({report.get_reason_display() for report in obj.reports.all()})
        return ", ".join(labels) or "—"

    @admin.display(description=gettext_lazy("excerpt"))
    def excerpt_short(self, obj):
        if obj.is_crisis:
            # Care for moderators: crisis text is read on the case page, behind a content note.
            return _("Content note: crisis. Open the case to read it.")
        return (obj.excerpt[:90] + "…") if len(obj.excerpt) > 90 else (obj.excerpt or "—")

    def get_object(self, request, object_id, from_field=None):
        case = super().get_object(request, object_id, from_field)
        # Out-of-scope cases are filtered out of the queryset above, so they 404 here.
        return case

    @admin.action(description=gettext_lazy("Claim selected cases"))
    def claim_selected(self, request, queryset):
        done = 0
        for case in queryset.filter(state__in=OPEN_STATES):
            try:
                services.case_claim(case=case, acting_user=request.user)
                done += 1
            except ValidationError as error:
                self.message_user(request, f"{case}: {error.messages[0]}", messages.WARNING)
        self.message_user(request, _("Claimed %(n)s case(s).") % {"n": done})

    @admin.action(description=gettext_lazy("Dismiss selected cases (no action needed)"))
    def dismiss_selected(self, request, queryset):
        if request.POST.get("confirmed") != "yes":
            return TemplateResponse(
                request,
                "admin/moderation/case/confirm_dismiss.html",
                {
                    **self.admin_site.each_context(request),
                    "cases": queryset,
                    "opts": self.model._meta,
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                    "title": _("Dismiss these cases?"),
                },
            )
        done = 0
        for case in queryset.filter(state__in=OPEN_STATES):
            try:
                services.case_dismiss(case=case, acting_user=request.user)
                done += 1
            except ValidationError as error:
                self.message_user(request, f"{case}: {error.messages[0]}", messages.WARNING)
        self.message_user(request, _("Dismissed %(n)s case(s).") % {"n": done})
        return None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        case = self.get_object(request, object_id)
        if case is None or not can_act_on_case(request.user, case):
            raise Http404
        form = CaseActionForm(request.POST or None, initial={"version": case.version})
        if request.method == "POST" and form.is_valid():
            try:
                message = perform_case_action(
                    case=case,
                    acting_user=request.user,
                    data={**form.cleaned_data, "evidence_outcomes": _evidence_outcomes(request)},
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, message)
                return HttpResponseRedirect(request.path)
        return TemplateResponse(
            request, "admin/moderation/case/case_page.html", self._case_context(request, case, form)
        )

    def _case_context(self, request, case, form):
        case.refresh_from_db()
        screenings = [
            (result, evidence_for(result))
            for result in case.screenings.select_related("post__thread", "profile")
        ]
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "case": case,
            "title": _("Case %(id)s") % {"id": case.pk},
            "form": form,
            "version": case.version,
            "actions": actions_for(case),
            "reports": case.reports.select_related("reporter", "rule"),
            "case_actions": case.actions.select_related("actor")[:50],
            "appeals": case.appeals.select_related("action"),
            "history": member_history(case.member) if case.member else None,
            "screenings": screenings,
            "content_note": needs_content_note(case, screenings),
            "reported_messages": self._reported_messages(request, case),
            "pattern_posts": pattern_case_posts(case),
            "rules": form.fields["rules"].queryset,
            "forums": Forum.objects.order_by("name"),
            "has_view_permission": True,
            **self._crisis_context(case),
            # Log entries whose "after" is a short label worth showing (never content).
            "crisis_log_kinds": ("crisis_signal", "resolve_crisis", "erasure_request"),
            "care": self._care(request.user),
        }

    def _care(self, user):
        # Care for moderators: past the operators' number of crisis cases today, the case page
        # too suggests a break (the offer to hand claims back is on the dashboard).
        return moderator_care_for(user)

    def _reported_messages(self, request, case):
        return self._case_messages(request, case)

    def _case_messages(self, request, case):
        """Only the messages put before the moderators, decrypted; each view is logged."""
        if (
            case.target_kind != TargetKind.MESSAGE
            and not ReportedMessage.objects.filter(case=case).exists()
        ):
            return None
        evidence = case_messages(case)
        moderator_view_log(
            case=case, acting_user=request.user, message_ids=[item.message_id for item in evidence]
        )
        return evidence

    def _crisis_context(self, case):
        if not case.is_crisis:
            return {"crisis": None}
        return {
            "crisis": {
                "evidence": case.evidence.select_related("post__thread", "message"),
                "evidence_outcomes": EvidenceOutcome.choices,
                "support_messages": support_messages_for_case(case),
                "previous_case": case.previous_case,
                "alerts": case.alerts.prefetch_related("notifications")[:20],
                "follow_ups": case.follow_ups.select_related("created_by"),
                "reach_out_text": reach_out_text_for(case) if case.member else "",
                "outcomes": [(outcome.value, outcome.label) for outcome in CRISIS_OUTCOMES],
            }
        }


def _evidence_outcomes(request) -> dict:
    """The per-item outcomes of the crisis resolve form: `evidence_<id>` → outcome."""
    prefix = "evidence_"
    return {
        key[len(prefix) :]: value
        for key, value in request.POST.items()
        if key.startswith(prefix) and key[len(prefix) :].isdigit()
    }
