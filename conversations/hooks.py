"""What conversations ask of the apps above them, filled in their `AppConfig.ready()`.

Conversations and forums are siblings that never import each other, so an app above both
(moderation) fills these. A member who takes messages only from people they have replied to
needs the forums' answer to whether two members replied to each other in a thread. An empty
hook fails the system check (`conversations.checks`) and raises at first use, so consent can
never be decided without it.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

# (first member, second member) -> whether one replied in a thread the other started.
RepliedInThreads = Callable[[object, object], bool]

_replied_in_threads: list[RepliedInThreads] = []


def replied_in_threads_register(answer: RepliedInThreads) -> None:
    if answer not in _replied_in_threads:
        _replied_in_threads.append(answer)


def is_replied_in_threads_filled() -> bool:
    return bool(_replied_in_threads)


def replied_in_threads(first, second) -> bool:
    """Whether any registered app saw one member reply to the other. Every answer is asked,
    whatever the earlier ones said (see `conversations.permissions.recipient_accepts`)."""
    if not _replied_in_threads:
        raise ImproperlyConfigured(
            "Nothing registered conversations.hooks.replied_in_threads (moderation registers "
            "the forums' answer)."
        )
    answers = [answer(first, second) for answer in _replied_in_threads]
    return any(answers)
