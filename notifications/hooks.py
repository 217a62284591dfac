"""What notifications ask of the apps above them (forums, conversations, moderation).

Notifications sits below the apps whose things they point at, so it never imports them: each
of those apps fills these hooks in its `AppConfig.ready()`. A hook that must be filled fails the
system check (`notifications.checks`) and raises at first use when it is empty, so a missing
registration can never quietly show a notification about a post its reader may not read.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")


class Slot(Generic[T]):
    """One implementation, registered once by the app that owns the answer."""

    def __init__(self, name: str, meaning: str) -> None:
        self.name = name
        self.meaning = meaning
        self._implementation: T | None = None

    def register(self, implementation: T) -> None:
        if self._implementation is not None and self._implementation is not implementation:
            raise ImproperlyConfigured(f"{self.name} is already registered.")
        self._implementation = implementation

    @property
    def is_filled(self) -> bool:
        return self._implementation is not None

    def get(self) -> T:
        if self._implementation is None:
            raise ImproperlyConfigured(f"Nothing registered {self.name}: {self.meaning}.")
        return self._implementation


# (member) -> QuerySet of the posts they may read, less those they chose not to see. The one
# visibility rule set lives with the forums; notifications about other posts are not shown.
readable_posts: Slot[Callable[[Any], Any]] = Slot(
    "notifications.hooks.readable_posts",
    "the forums' posts a member may read (notifications about others stay hidden)",
)

# (user_id, countdown seconds or None) -> None: enqueue, after the commit, the task that sends
# a member's grouped notification email.
email_send_enqueue: Slot[Callable[[int, float | None], None]] = Slot(
    "notifications.hooks.email_send_enqueue",
    "the task that sends a member's grouped notification email",
)


@dataclass(frozen=True)
class NotificationText:
    """How the app that owns a kind of notification names it outside the site (in emails)."""

    # (notification) -> one line; never a private message's text, emails leave the site.
    summary: Callable[[Any], str]
    # (notification) -> a site-relative URL to open, or "" for the notifications page.
    link: Callable[[Any], str]


_texts: dict[str, NotificationText] = {}


def notification_text_register(kind: str, text: NotificationText) -> None:
    """Register how notifications of `kind` read in emails (once per kind)."""
    if _texts.get(kind, text) is not text:
        raise ImproperlyConfigured(f"A notification text for {kind!r} is already registered.")
    _texts[kind] = text


def notification_text_for(kind: str) -> NotificationText:
    try:
        return _texts[kind]
    except KeyError:
        raise ImproperlyConfigured(f"No app registered a notification text for {kind!r}.") from None


def kinds_without_text(kinds) -> list[str]:
    return [kind for kind in kinds if kind not in _texts]
