from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forums")

    def ready(self) -> None:
        # Imported here, as Django asks: the models must be loaded first.
        from drafts.places import place_owner_register
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
            notification_hooks.notification_text_register(kind, text)
        place_owner_register(FORUM_PLACES)
