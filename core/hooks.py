"""Extension points: a lower app declares what it needs answered or announced, a higher app
fills it in its `AppConfig.ready()`.

Every hook here is required. Posting without a sanction check or a screening pass would be a
silent safety failure, so an empty hook is reported by `manage.py check` (and at startup) and
raises `HookNotFilled` when called, rather than quietly doing nothing.
"""

from collections.abc import Callable
from typing import Generic, ParamSpec, TypeVar

from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.dispatch import Signal

P = ParamSpec("P")
R = TypeVar("R")


class HookNotFilled(ImproperlyConfigured):
    """A required extension point was used before any app filled it."""


class Hook(Generic[P, R]):
    """One question a lower app asks (e.g. "why may this member not post?"), answered by the
    single implementation a higher app registers."""

    def __init__(self, name: str, *, filled_by: str) -> None:
        self.name = name
        self.filled_by = filled_by
        self._implementation: Callable[P, R] | None = None

    def __repr__(self) -> str:
        return f"<Hook {self.name}>"

    @property
    def is_filled(self) -> bool:
        return self._implementation is not None

    def register(self, implementation: Callable[P, R]) -> Callable[P, R]:
        # One answer per question: a second, different registration is a wiring mistake that
        # would otherwise decide silently which safety rule wins.
        if self._implementation is not None and self._implementation is not implementation:
            raise ImproperlyConfigured(f"{self.name} is already filled by {self._implementation}")
        self._implementation = implementation
        return implementation

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        if self._implementation is None:
            raise HookNotFilled(f"{self.name} has no implementation; {self.filled_by} fills it.")
        return self._implementation(*args, **kwargs)


class RequiredSignal(Signal):
    """An event ("a post was submitted") that must have at least one receiver: sending it with
    none raises instead of dropping the event."""

    def __init__(self, name: str, *, filled_by: str) -> None:
        super().__init__()
        self.name = name
        self.filled_by = filled_by

    def __repr__(self) -> str:
        return f"<RequiredSignal {self.name}>"

    @property
    def is_filled(self) -> bool:
        return self.has_listeners()

    def send(self, sender, **named):
        if not self.has_listeners(sender):
            raise HookNotFilled(f"{self.name} has no receiver; {self.filled_by} connects one.")
        return super().send(sender, **named)


def required_hooks_check(app_label: str, hooks: list[Hook | RequiredSignal]):
    """A system check (for `checks.register`) reporting each of `hooks` left empty."""

    def check_hooks_filled(app_configs=None, **kwargs) -> list[checks.Error]:
        if app_configs is not None and app_label not in {c.label for c in app_configs}:
            return []
        return [
            checks.Error(
                f"The required hook {hook.name} is empty.",
                hint=f"{hook.filled_by} fills it in its AppConfig.ready(); is it installed?",
                id=f"{app_label}.E900",
            )
            for hook in hooks
            if not hook.is_filled
        ]

    return check_hooks_filled
