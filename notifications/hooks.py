"""What notifications ask of the apps above them (forums, conversations, moderation).

Notifications sits below the apps whose things they point at, so it never imports them: each
of those apps fills these hooks (`core.hooks`) in its `AppConfig.ready()`. An empty hook fails
the system check (`notifications.checks`) and raises `HookNotFilled` at first use, so a missing
registration can never quietly show a notification about a post its reader may not read.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.hooks import Hook, Registry
from notifications.enums import NotificationKind

FORUMS = "the forums app (forums/apps.py)"

# (member) -> QuerySet of the posts they may read, less those they chose not to see. The one
# visibility rule set lives with the forums; notifications about other posts are not shown.
readable_posts: Hook[[Any], Any] = Hook("notifications.hooks.readable_posts", filled_by=FORUMS)

# (user_id, countdown seconds or None) -> None: enqueue, after the commit, the task that sends
# a member's grouped notification email.
email_send_enqueue: Hook[[int, float | None], None] = Hook(
    "notifications.hooks.email_send_enqueue", filled_by=FORUMS
)


@dataclass(frozen=True)
class NotificationText:
    """How the app that owns a kind of notification names it outside the site (in emails)."""

    # (notification) -> one line; never a private message's text, emails leave the site.
    summary: Callable[[Any], str]
    # (notification) -> a site-relative URL to open, or "" for the notifications page.
    link: Callable[[Any], str]


# How each kind of notification reads in emails, registered by the app that owns the kind.
notification_texts: Registry[NotificationText] = Registry(
    "notifications.hooks.notification_texts",
    filled_by="the app owning the kind (forums, conversations; notifications for account notices)",
    kinds=NotificationKind.values,
)
