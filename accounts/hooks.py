"""Extension points that the apps above `accounts` fill in their `AppConfig.ready()`.

`accounts` sits low in the layers: forums, conversations, drafts and moderation build on it,
so it never imports them. Where a member's page or a data right needs their part (their posts
in the export, their rows erased, the helplines, the sanction lockout), `accounts` asks through
one of the hooks below and the owning app answers.

Every hook here must be filled: an empty one is a system check error (`accounts.E001`,
`accounts.E002`) and an error at the first call, never a silent skip. Erasure and the export
also know which apps hold a member's data (`member_data_apps`), so an app that registers no
erasure step or no export section stops the site from starting rather than leaving that
member's rows behind.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from accounts.erasure_ledger import ERASURE_HANDLED_BY_ACCOUNTS, ERASURE_HANDLES


class Answer:
    """A question exactly one app above accounts answers (a function it registers)."""

    def __init__(self, name: str, description: str):
        self.name = name
        self.description = description
        self._func: Callable | None = None

    def answer_with(self, func: Callable) -> None:
        if self._func is not None and self._func is not func:
            raise ImproperlyConfigured(
                f"accounts hook {self.name!r} is already answered by {self._func.__module__}"
            )
        self._func = func

    @property
    def is_filled(self) -> bool:
        return self._func is not None

    def __call__(self, *args, **kwargs) -> Any:
        if self._func is None:
            raise ImproperlyConfigured(f"No installed app answers accounts hook {self.name!r}")
        return self._func(*args, **kwargs)


@dataclass(frozen=True)
class Step:
    app_label: str
    order: int
    func: Callable


class Steps:
    """Contributions from several apps, run in their declared order."""

    def __init__(self, name: str, description: str, *, required_apps: Callable[[], set[str]]):
        self.name = name
        self.description = description
        self._required_apps = required_apps
        self._steps: dict[tuple[str, str], Step] = {}

    def add(self, func: Callable, *, app_label: str, order: int) -> None:
        # Keyed by function, so registering again (a second ready()) replaces rather than doubles.
        self._steps[(app_label, func.__qualname__)] = Step(app_label, order, func)

    def missing_apps(self) -> set[str]:
        return self._required_apps() - {step.app_label for step in self._steps.values()}

    def __iter__(self) -> Iterator[Step]:
        missing = self.missing_apps()
        if missing:
            raise ImproperlyConfigured(
                f"accounts hook {self.name!r} has nothing from: {', '.join(sorted(missing))}"
            )
        return iter(sorted(self._steps.values(), key=lambda step: step.order))


def member_data_apps() -> set[str]:
    """The apps holding a member's rows that accounts cannot erase or export itself: those
    named in the erasure ledger (`ERASURE_HANDLES`), less accounts and the libraries it owns."""
    return {label.split(".")[0] for label in ERASURE_HANDLES} - ERASURE_HANDLED_BY_ACCOUNTS


# --- Data rights --------------------------------------------------------------------------------

export_sections = Steps(
    "export_sections",
    "(user) -> dict: the app's part of a member's export, merged into the archive in order",
    required_apps=member_data_apps,
)
erasure_steps = Steps(
    "erasure_steps",
    "(user, *, erase_posts: bool) -> None: erase or unlink the member's rows, in the erasure's "
    "transaction, in order",
    required_apps=member_data_apps,
)
erasure_requested = Answer(
    "erasure_requested",
    "(*, member, scheduled_for) -> bool: a member asked to leave; return whether they are at "
    "risk (their crisis case hears of it)",
)
member_notice_send = Answer(
    "member_notice_send",
    "(*, user, text: str, link: str) -> None: an account notice in the member's notifications",
)

# --- Safety ------------------------------------------------------------------------------------

member_lockout = Answer(
    "member_lockout", "(user) -> sanction or None: why this member may not log in now"
)
rules_version_current = Answer(
    "rules_version_current", "() -> int: the community rules version a new member accepts"
)
profile_text_precheck = Answer(
    "profile_text_precheck",
    "(*, user, texts: dict, confirmed_personal_info: bool) -> (texts, is_crisis): check profile "
    "text before saving; raise accounts.errors.ProfileTextRefused to refuse it",
)
profile_text_changed = Answer(
    "profile_text_changed",
    "(profile) -> None: profile text was saved; screen it in full after the commit",
)
crisis_support_offer = Answer(
    "crisis_support_offer",
    "(request, *, about: str) -> None: the member just wrote crisis language; offer help",
)
profile_reviewer = Answer(
    "profile_reviewer", "(viewer) -> bool: whether the viewer reviews every member's profile"
)

# --- Help resources ----------------------------------------------------------------------------

helpline_country_for_request = Answer(
    "helpline_country_for_request", "(request) -> str: the country whose helplines to show"
)
helplines_for_country = Answer(
    "helplines_for_country", "(country: str) -> the helplines to show for that country"
)
helplines_text_for_member = Answer(
    "helplines_text_for_member", "(member) -> str: the member's helplines as plain lines"
)

# --- The member's forum content ------------------------------------------------------------------

forums_readable_by = Answer(
    "forums_readable_by", "(user) -> QuerySet: the forums a member may read (and so mute)"
)
muted_threads_for = Answer(
    "muted_threads_for", "(user) -> QuerySet: the member's muted threads, newest mute first"
)
thread_unmute = Answer("thread_unmute", "(*, user, thread_id: int) -> None: lift a thread mute")
profile_posts_for = Answer(
    "profile_posts_for",
    "(*, viewer, member, limit: int) -> the member's latest posts this viewer may read",
)

ANSWERS = (
    erasure_requested,
    member_notice_send,
    member_lockout,
    rules_version_current,
    profile_text_precheck,
    profile_text_changed,
    crisis_support_offer,
    profile_reviewer,
    helpline_country_for_request,
    helplines_for_country,
    helplines_text_for_member,
    forums_readable_by,
    muted_threads_for,
    thread_unmute,
    profile_posts_for,
)
STEPS = (export_sections, erasure_steps)
