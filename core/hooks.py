"""Extension points: a lower app declares what it needs answered or announced, a higher app
fills it in its `AppConfig.ready()`. This is the one mechanism every app uses.

Four shapes, each registered with `register(...)`:

- `Hook`: one question ("why may this member not post?"), answered by the single function one
  app registers. Called like that function: `hook(*args)`.
- `RequiredSignal`: an event ("a post was submitted") with at least one receiver, connected as
  any Django signal. Sent with `send(...)`.
- `Contributions`: every named app adds its part (a member's export, their erasure), run in the
  declared order. Called with the parts' arguments: `contributions(*args)` returns each part's
  result, in order.
- `Registry`: one entry per kind (how a kind of notification reads in an email, who owns a kind
  of draft place). Looked up by kind: `registry[kind]`.

Every hook is required. Posting without a sanction check, an erasure that skips an app's rows or
a notification shown without the visibility rule would be silent safety failures, so an empty
hook is reported by `manage.py check` (`required_hooks_check`) and raises `HookNotFilled` when
used, rather than quietly doing nothing.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, ParamSpec, TypeVar

from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.dispatch import Signal

P = ParamSpec("P")
R = TypeVar("R")
E = TypeVar("E")


class HookNotFilled(ImproperlyConfigured):
    """A required extension point was used before the apps meant to fill it did."""


class ExtensionPoint:
    """What every hook tells the system check and the error raised at use."""

    name: str
    filled_by: str

    def gap(self) -> str | None:
        """What is missing, as the end of a sentence about the hook ("is empty"), or None."""
        raise NotImplementedError

    @property
    def is_filled(self) -> bool:
        return self.gap() is None

    def ensure_filled(self) -> None:
        """Raise `HookNotFilled` now: for a caller that must not start writing before it knows
        the hook will answer."""
        if (gap := self.gap()) is not None:
            raise HookNotFilled(f"{self.name} {gap}; {self.filled_by} fills it.")


class Hook(ExtensionPoint, Generic[P, R]):
    """One question a lower app asks, answered by the single implementation a higher app
    registers."""

    def __init__(self, name: str, *, filled_by: str) -> None:
        self.name = name
        self.filled_by = filled_by
        self._implementation: Callable[P, R] | None = None

    def __repr__(self) -> str:
        return f"<Hook {self.name}>"

    def gap(self) -> str | None:
        return None if self._implementation is not None else "is empty"

    def register(self, implementation: Callable[P, R]) -> Callable[P, R]:
        # One answer per question: a second, different registration is a wiring mistake that
        # would otherwise decide silently which safety rule wins.
        if self._implementation is not None and self._implementation is not implementation:
            raise ImproperlyConfigured(f"{self.name} is already filled by {self._implementation}")
        self._implementation = implementation
        return implementation

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        self.ensure_filled()
        return self._implementation(*args, **kwargs)


class RequiredSignal(ExtensionPoint, Signal):
    """An event that must have at least one receiver: sending it with none raises instead of
    dropping the event. Receivers connect as to any Django signal."""

    def __init__(self, name: str, *, filled_by: str) -> None:
        super().__init__()
        self.name = name
        self.filled_by = filled_by

    def __repr__(self) -> str:
        return f"<RequiredSignal {self.name}>"

    def gap(self) -> str | None:
        return None if self.has_listeners() else "is empty"

    def send(self, sender, **named):
        if not self.has_listeners(sender):
            raise HookNotFilled(f"{self.name} is empty; {self.filled_by} connects a receiver.")
        return super().send(sender, **named)


@dataclass(frozen=True)
class Contribution:
    app_label: str
    order: int
    func: Callable


class Contributions(ExtensionPoint):
    """Parts that several apps contribute, each app named in `required_apps` at least once,
    run in their declared order."""

    def __init__(self, name: str, *, filled_by: str, required_apps: Iterable[str]) -> None:
        self.name = name
        self.filled_by = filled_by
        self.required_apps = frozenset(required_apps)
        self._contributions: dict[tuple[str, str], Contribution] = {}

    def __repr__(self) -> str:
        return f"<Contributions {self.name}>"

    def register(self, func: Callable, *, app_label: str, order: int) -> Callable:
        # Keyed by function, so registering again (a second ready()) replaces rather than doubles.
        self._contributions[(app_label, func.__qualname__)] = Contribution(app_label, order, func)
        return func

    def gap(self) -> str | None:
        if not self._contributions:
            return "is empty"
        missing = self.required_apps - {c.app_label for c in self._contributions.values()}
        return f"has nothing from: {', '.join(sorted(missing))}" if missing else None

    def contributions(self) -> list[Contribution]:
        """The parts in the order they run (for callers that need to know who contributed)."""
        self.ensure_filled()
        return sorted(self._contributions.values(), key=lambda contribution: contribution.order)

    def __call__(self, *args, **kwargs) -> list[Any]:
        # Checked before the first part runs: with an app missing, none of them runs.
        return [contribution.func(*args, **kwargs) for contribution in self.contributions()]


class Registry(ExtensionPoint, Generic[E]):
    """One entry per kind, for each of `kinds`, registered by the app that owns the kind."""

    def __init__(self, name: str, *, filled_by: str, kinds: Iterable[str]) -> None:
        self.name = name
        self.filled_by = filled_by
        self.kinds = tuple(kinds)
        self._entries: dict[str, E] = {}

    def __repr__(self) -> str:
        return f"<Registry {self.name}>"

    def register(self, kind: str, entry: E) -> E:
        if kind not in self.kinds:
            raise ImproperlyConfigured(f"{kind!r} is not a kind {self.name} knows.")
        if self._entries.get(kind, entry) is not entry:
            raise ImproperlyConfigured(f"{self.name} already has an entry for {kind!r}.")
        self._entries[kind] = entry
        return entry

    def missing_kinds(self) -> list[str]:
        return [kind for kind in self.kinds if kind not in self._entries]

    def gap(self) -> str | None:
        missing = self.missing_kinds()
        return f"has no entry for: {', '.join(map(repr, missing))}" if missing else None

    def __getitem__(self, kind: str) -> E:
        try:
            return self._entries[kind]
        except KeyError:
            raise HookNotFilled(
                f"{self.name} has no entry for {kind!r}; {self.filled_by} fills it."
            ) from None

    def entries(self) -> list[E]:
        """Every registered entry, once each (one entry may serve several kinds)."""
        return list({id(entry): entry for entry in self._entries.values()}.values())


def required_hooks_check(hooks: Iterable[ExtensionPoint], *, check_id: str):
    """A system check (for `checks.register`) reporting each of `hooks` left empty, with the
    error id `check_id` ("<app_label>.E…")."""
    app_label = check_id.split(".")[0]
    hooks = list(hooks)

    def check_hooks_filled(app_configs=None, **kwargs) -> list[checks.Error]:
        if app_configs is not None and app_label not in {c.label for c in app_configs}:
            return []
        return [
            checks.Error(
                f"The required hook {hook.name} {gap}.",
                hint=f"{hook.filled_by} fills it in its AppConfig.ready(); is it installed?",
                obj=hook.name,
                id=check_id,
            )
            for hook in hooks
            if (gap := hook.gap()) is not None
        ]

    return check_hooks_filled
