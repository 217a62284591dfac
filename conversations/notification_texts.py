"""How notifications about private messages read in emails (registered with
`notifications.hooks` in `ConversationsConfig.ready()`)."""

from django.utils.translation import gettext as _

from notifications.hooks import NotificationText


def _summary(notification) -> str:
    actor = notification.actor.handle if notification.actor else _("Someone")
    # Never the message itself: it is stored encrypted and emails leave the site.
    return _("%(actor)s sent you a private message") % {"actor": actor}


# The link is the conversation's page, stored on the notification when it was written.
MESSAGE_NOTIFICATION_TEXT = NotificationText(summary=_summary, link=lambda n: n.link)
