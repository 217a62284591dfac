from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    default = True
    name = "moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from conversations import hooks as conversation_hooks
        from forums.selectors import have_replied_in_threads
        from moderation import (  # noqa: F401  (receivers and signals connect the receivers)
            account_hooks,
            receivers,
            signals,
        )

        account_hooks.register()

        # Forums and conversations are siblings that never import each other; moderation, above
        # both, connects them. A member who takes messages only from people they replied to:
        # replies in threads count.
        conversation_hooks.replied_in_threads.register(
            have_replied_in_threads, app_label="forums", order=10
        )
        _fill_forum_hooks()
        _fill_conversation_hooks()


# The helpers below import inside: called from ready(), once every model is loaded.


def _fill_forum_hooks() -> None:
    """Answer forums' questions (forums/hooks.py): standing, screening, moderator scope, crisis
    care and the site settings forums reads."""
    from forums import hooks
    from moderation import selectors, services, standing
    from moderation.permissions import moderated_forum_ids
    from moderation.services.site import site_identity

    hooks.posting_refusal.register(standing.posting_refusal_reason)
    hooks.submission_precheck.register(services.precheck_submission)
    hooks.moderator_scope.register(moderated_forum_ids)
    hooks.threads_under_crisis_care.register(selectors.threads_under_crisis_care)
    hooks.unanswered_after.register(selectors.unanswered_after)
    hooks.site_identity.register(site_identity)
    hooks.crisis_support_offer.register(standing.crisis_support_offer)
    hooks.crisis_panel_post_id.register(standing.crisis_panel_post_id)
    hooks.check_in_request.register(services.check_in_request_for_member)
    hooks.check_in_requests_raised_by.register(selectors.check_in_requests_raised_by)


def _fill_conversation_hooks() -> None:
    """Answer private conversations' questions (conversations/hooks.py): standing, screening,
    reports, moderators' decisions and care."""
    from conversations import hooks
    from moderation import selectors, services, standing, views
    from moderation.services import messages, screening

    hooks.posting_refusal.register(standing.posting_refusal_reason)
    hooks.member_locked_out.register(selectors.member_is_locked_out)
    hooks.messaging_enabled.register(selectors.messaging_is_enabled)
    hooks.max_participants.register(selectors.conversation_participants_max)
    hooks.message_precheck.register(screening.precheck_message)
    hooks.message_verdict.register(screening.message_verdict)
    hooks.message_case_open.register(screening.message_case_open)
    hooks.report_file.register(messages.message_report_file)
    hooks.message_report_page.register(views.message_report)
    hooks.message_release.register(messages.message_release)
    hooks.message_remove.register(messages.message_remove)
    hooks.crisis_support_offer.register(standing.crisis_support_offer)
    hooks.crisis_check_in_request.register(services.crisis_check_in_request_for)
    hooks.support_summary.register(selectors.support_summary_for)


class ConsoleAdminConfig(admin_apps.AdminConfig):
    """The Django admin, installed as the moderator console."""

    default = False
    default_site = "moderation.console.ConsoleSite"
