from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _

from core.hooks import required_hooks_check
from forums import hooks


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forums")

    def ready(self) -> None:
        # Imported here, as Django asks: the models must be loaded first.
        from drafts.places import place_owners
        from forums import account_hooks, signals  # noqa: F401  (connects the receivers)
        from forums.draft_places import FORUM_PLACES
        from forums.emails import NOTIFICATION_TEXTS
        from forums.selectors import post_list_readable_by
        from forums.tasks import notification_email_enqueue
        from notifications import hooks as notification_hooks

        account_hooks.register()
        # Notifications about posts are shown only while the member may read the post: the
        # one visibility rule set answers for the notifications app.
        notification_hooks.readable_posts.register(post_list_readable_by)
        notification_hooks.email_send_enqueue.register(notification_email_enqueue)
        for kind, text in NOTIFICATION_TEXTS.items():
            notification_hooks.notification_texts.register(kind, text)
        for kind in FORUM_PLACES.limits:
            place_owners.register(kind, FORUM_PLACES)
        # moderation fills forums' hooks in its own ready(); the check runs once every app is
        # ready.
        checks.register(required_hooks_check(hooks.REQUIRED, check_id="forums.E900"), "hooks")
