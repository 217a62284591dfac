"""The screening engine: `precheck` (fast, at submit) and `screen` (full pass).

Each screener is isolated: if one raises, the others still run and the verdict is
"hold" with a `screening.error` signal naming only the exception class, because the
exception message may quote the user's text and verdicts are stored and shown to staff.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from . import abuse, conditions, pii, risk, spam, watched
from .normalize import NormalizedText, normalize
from .policy import DEFAULT_POLICY, ForumPolicy, decide
from .types import ConditionRule, ScreeningContext, Signal, Verdict, WatchedRule

ENGINE_VERSION = "engine-2025.11.1"
MAX_TEXT_CHARS = 100_000  # the forum limit is 20,000; anything longer is cut, not skipped

Rule = WatchedRule | ConditionRule


@dataclass(frozen=True, slots=True)
class Job:
    """Everything a screener may look at for one text."""

    norm: NormalizedText
    context: ScreeningContext
    watched_rules: tuple[WatchedRule, ...]
    condition_rules: tuple[ConditionRule, ...]
    policy: ForumPolicy


@dataclass(frozen=True, slots=True)
class Screener:
    """A named, versioned screening step."""

    name: str
    version: str
    run: Callable[[Job], list[Signal]]


def _crisis(job: Job) -> list[Signal]:
    return risk.screen_risk(job.norm, threshold=job.policy.crisis_threshold)


def _pii(job: Job) -> list[Signal]:
    return pii.screen_pii(job.norm.original, job.context)


def _watched(job: Job) -> list[Signal]:
    signals, _ = watched.match_watched(job.norm, job.watched_rules, job.context.forum_slug)
    return signals


def _conditions(job: Job) -> list[Signal]:
    return conditions.match_conditions(job.norm, job.condition_rules, job.context.forum_slug)


def _abuse(job: Job) -> list[Signal]:
    return abuse.screen_abuse(job.norm)


def _spam(job: Job) -> list[Signal]:
    return spam.screen_spam(job.norm, job.context)


WATCHED = Screener("watched", watched.VERSION, _watched)
CONDITIONS = Screener("condition", conditions.VERSION, _conditions)
PII = Screener("pii", pii.VERSION, _pii)
CRISIS = Screener("crisis", risk.VERSION, _crisis)
ABUSE = Screener("abuse", abuse.VERSION, _abuse)
SPAM = Screener("spam", spam.VERSION, _spam)
PRECHECK_SCREENERS: tuple[Screener, ...] = (WATCHED, CONDITIONS, PII, CRISIS)
FULL_SCREENERS: tuple[Screener, ...] = (WATCHED, CONDITIONS, PII, CRISIS, ABUSE, SPAM)


def _error_signal(name: str, exc: BaseException) -> Signal:
    return Signal(
        screener=name,
        label="screening.error",
        score=1.0,
        explanation=type(exc).__name__,
    )


def _run(
    text: str,
    context: ScreeningContext | None,
    rules: Iterable[Rule],
    policy: ForumPolicy,
    screeners: Sequence[Screener],
) -> Verdict:
    context = context or ScreeningContext()
    rules = tuple(rules)
    watched_rules = tuple(r for r in rules if isinstance(r, WatchedRule))
    condition_rules = tuple(r for r in rules if isinstance(r, ConditionRule))
    versions = {s.name: s.version for s in screeners}
    versions["engine"] = ENGINE_VERSION
    try:
        norm = normalize(text[:MAX_TEXT_CHARS])
    except Exception as exc:  # never let a screening bug reject or publish silently
        return decide([_error_signal("normalize", exc)], policy, versions=versions)
    job = Job(norm, context, watched_rules, condition_rules, policy)
    signals: list[Signal] = []
    for screener in screeners:
        try:
            signals.extend(screener.run(job))
        except Exception as exc:
            signals.append(_error_signal(screener.name, exc))
    replaced = None
    if any(r.action == "replace" for r in watched_rules):
        try:
            _, replaced = watched.match_watched(norm, watched_rules, context.forum_slug)
        except Exception as exc:
            signals.append(_error_signal("watched", exc))
    rule_actions = {r.id: r.action for r in condition_rules}
    return decide(
        signals, policy, rule_actions=rule_actions, replaced_text=replaced, versions=versions
    )


def precheck(
    text: str,
    context: ScreeningContext | None = None,
    rules: Iterable[Rule] = (),
    *,
    policy: ForumPolicy = DEFAULT_POLICY,
    screeners: Sequence[Screener] = PRECHECK_SCREENERS,
) -> Verdict:
    """Run the fast synchronous subset at submit: watched words, conditions, PII, crisis."""
    return _run(text, context, rules, policy, screeners)


def screen(
    text: str,
    context: ScreeningContext | None = None,
    rules: Iterable[Rule] = (),
    *,
    policy: ForumPolicy = DEFAULT_POLICY,
    screeners: Sequence[Screener] = FULL_SCREENERS,
) -> Verdict:
    """Run every screener (adds the abuse model and spam) and return the verdict."""
    return _run(text, context, rules, policy, screeners)
