"""The safety net, proven in the shape it runs (make test-system).

One stack for the whole module: PostgreSQL, Redis, an SMTP sink, gunicorn, the workers and beat
as the README starts them. The scenarios run in file order; each prints its figures. To stay
within ten minutes, d runs while the crisis cases of f wait to escalate (e): a PostgreSQL
restart of a few seconds is within e's slack, and the escalations must still come once each.
"""

import contextlib
import time

import pytest
from django.conf import settings

from tests.system import checks
from tests.system.load import Browser, summary

pytestmark = pytest.mark.system

RECOVERY_SECONDS = 180  # "0 pending within 3 minutes"


def test_f_crisis_case_opens_within_seconds_under_background_load(stack, load):
    """Crisis post → crisis case p99 ≤ 5 s while ≥ 10 posts/s with reads run. The crisis
    cases opened here are left unclaimed: scenario e watches them escalate."""
    # Up to 120 posts in flight: the load stays open (offered at the rate whatever the answers)
    # through a spell in which the site answers in seconds, as a shared CI machine may.
    load.posts_per_second, load.posters, load.readers = 11.0, 120, 3
    samples = load.run(30)
    offered = load.offered_per_second()
    stats = summary(samples)
    crisis_ids = checks.acknowledged(samples, crisis=True)
    checks.wait_for_no_pending(stack, timeout=60)
    latencies = checks.crisis_case_latencies(stack, crisis_ids)
    lat = checks.latency_figures(latencies)
    crisis_figures = {f"crisis_case_{k}": v for k, v in lat.items()}
    checks.figures("f crisis latency", offered_posts_per_s=offered, **stats, **crisis_figures)
    stack.escalation_watch = set(checks.crisis_cases_of(stack, crisis_ids).values())

    # The load is offered at ≥ 10 posts/s; how many the site takes per second on this machine
    # is the benchmark's subject (bench/system_load.py), not a timed assertion.
    assert offered >= 10, (offered, load.not_offered)
    assert stats["5xx"] == 0, stats
    assert set(latencies) == set(crisis_ids), "a crisis post got no crisis case"
    assert lat["p99_s"] <= 5.0, lat


def test_d_postgres_restart_site_recovers_unaided(stack, load):
    """PostgreSQL restarted under load: answering again within 30 s, nothing acknowledged
    lost, every error in the window Hearth's own page."""
    load.posts_per_second, load.posters, load.readers = 5.0, 40, 2
    window = {}

    def restart():
        time.sleep(5)
        window["start"] = time.time()
        stack.restart_postgres(down_seconds=3)
        window["up"] = time.time()

    samples = load.run(30, during=restart)
    after = sorted(
        (s for s in samples if s.started >= window["up"] and s.kind == "read"),
        key=lambda s: s.started,
    )
    last_error = max((s.started for s in after if s.status >= 500 or s.status == 0), default=None)
    healthy_after = (last_error - window["up"]) if last_error else 0.0
    errors = [s for s in samples if s.started >= window["start"] and s.status >= 500]
    posts = checks.acknowledged(samples)
    foreign = [s for s in errors if not s.hearth_page]
    checks.figures(
        "d postgres restart",
        **summary(samples),
        errors_in_window=len(errors),
        not_hearth_page=len(foreign),
        seconds_until_answering=round(healthy_after, 1),
        lost=len(checks.missing_posts(stack, posts)),
    )
    assert any(s.status == 200 for s in after)
    assert healthy_after <= 30
    assert foreign == []
    assert [s for s in samples if s.status == 0 and s.started < window["start"]] == []
    assert checks.missing_posts(stack, posts) == []
    checks.wait_for_no_pending(stack, timeout=RECOVERY_SECONDS)


def test_e_unclaimed_crisis_case_escalates_once_per_level_at_its_interval(stack):
    """Under the real beat (crisis clock every 5 seconds, response limit 1 minute): each
    unclaimed case is raised to level 1 after 1 minute and level 2 after 2, once each."""
    cases = sorted(getattr(stack, "escalation_watch", set()))
    assert cases, "scenario f opened no crisis case to watch"
    first = cases[:5]
    started = stack.sql(
        "SELECT max(crisis_clock_started_at) FROM moderation_case WHERE id = ANY(%s)", first
    )[0][0]
    limit = 60.0
    slack = 2 * stack.sweep_interval + 15  # a clock tick or two, and a loaded machine

    def both_levels_raised():
        return stack.sql(
            "SELECT count(*) FROM moderation_crisisalert WHERE case_id = ANY(%s) AND level = 2",
            first,
        )[0][0] == len(first)

    checks.wait_until(both_levels_raised, timeout=2 * limit + slack + 30, what="level 2 alerts")
    time.sleep(stack.sweep_interval * 2)  # Another tick or two: nothing must be raised again.
    rows = stack.sql(
        "SELECT a.case_id, a.level, count(*), min(extract(epoch FROM a.created_at"
        " - c.crisis_clock_started_at)) FROM moderation_crisisalert a"
        " JOIN moderation_case c ON c.id = a.case_id WHERE a.case_id = ANY(%s)"
        " GROUP BY 1, 2 ORDER BY 1, 2",
        first,
    )
    delays = {(case_id, level): float(delay) for case_id, level, _, delay in rows}
    counts = {(case_id, level): n for case_id, level, n, _ in rows}
    checks.figures(
        "e escalation",
        cases=len(first),
        level1_delay_s=sorted(round(d, 1) for (c, lv), d in delays.items() if lv == 1),
        level2_delay_s=sorted(round(d, 1) for (c, lv), d in delays.items() if lv == 2),
        clock_started=started.isoformat(),
    )
    for case_id in first:
        assert [counts.get((case_id, level)) for level in (0, 1, 2)] == [1, 1, 1], case_id
        assert limit <= delays[(case_id, 1)] <= limit + slack, delays
        assert 2 * limit <= delays[(case_id, 2)] <= 2 * limit + slack, delays
    assert checks.on_call_mail_missing(stack, set(first)) == set()


def test_a_every_beat_entry_is_dispatched_and_executed(stack):
    """Each entry of CELERY_BEAT_SCHEDULE sent by the real beat and run by a worker."""
    expected = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    sent, done = set(), set()

    def all_seen():
        sent.update(stack.beat_sent_tasks())
        done.update(stack.worker_succeeded_tasks())
        return expected <= sent and expected <= done

    with contextlib.suppress(TimeoutError):
        checks.wait_until(all_seen, timeout=stack.beat_interval * 3 + 30, what="beat entries")
    checks.figures(
        "a beat",
        entries=len(expected),
        dispatched=len(expected & sent),
        executed=len(expected & done),
        never_dispatched=sorted(expected - sent),
        never_executed=sorted(expected - done),
    )
    assert expected - sent == set()
    assert expected - done == set()


def test_b_worker_killed_mid_burst_loses_and_repeats_nothing(stack, load):
    """kill -9 every worker (main process and children) mid-burst; restart 30 s later."""
    load.posts_per_second, load.posters, load.readers = 6.0, 40, 1
    workers = stack.worker_names()
    killed_at = {}

    def kill_then_restart():
        time.sleep(8)
        for name in workers:
            stack.kill(name)
        killed_at["t"] = time.monotonic()

    samples = load.run(20, during=kill_then_restart)
    time.sleep(max(0.0, 30 - (time.monotonic() - killed_at["t"])))
    pending_at_restart = checks.pending_count(stack)
    stack.start_workers()
    posts = checks.acknowledged(samples)
    crisis = checks.acknowledged(samples, crisis=True)
    recovered = checks.seconds_to_no_pending(stack, timeout=RECOVERY_SECONDS)
    wrong = checks.screenings_not_exactly_one(stack, posts)
    cases = checks.crisis_cases_of(stack, crisis)
    dupes = checks.duplicates(stack)
    checks.figures(
        "b worker kill -9",
        **summary(samples),
        pending_at_restart=pending_at_restart,
        pending_now=checks.pending_count(stack),
        seconds_to_0_pending=recovered and round(recovered, 1),
        not_exactly_one_screening=len(wrong),
        lost=len(checks.missing_posts(stack, posts)),
        crisis_without_case=len(set(crisis) - set(cases)),
        duplicates=dupes,
    )
    assert recovered is not None, "posts still pending 3 minutes after the restart"
    assert wrong == {}
    assert checks.missing_posts(stack, posts) == []
    assert set(cases) == set(crisis)
    checks.wait_until(
        lambda: not checks.on_call_mail_missing(stack, set(cases.values())),
        timeout=60,
        what="on-call emails",
    )
    assert checks.duplicates(stack) == dict.fromkeys(dupes, 0)


def test_c_redis_away_for_a_minute_no_5xx_and_everything_caught_up(stack, load):
    """Redis killed for 60 s while members post ≥ 5/s (crisis posts too), log in and read."""
    load.posts_per_second, load.posters, load.readers = 6.0, 40, 3
    window = {}

    def outage():
        time.sleep(5)
        stack.kill("redis")
        window["start"] = time.time()
        back_at = time.monotonic() + 60
        # Members log in now and then; someone guesses a password (from one address) more
        # often than every web process together allows.
        target, member = stack.seed["members"][-1], stack.seed["members"][-2]
        guesser = Browser(stack.base_url, load.recorder)
        for attempt in range(12):
            guesser.request_login(target, f"wrong-password-{attempt}")
            if attempt % 3 == 0:
                Browser(stack.base_url, load.recorder).login(member, stack.seed["password"])
        time.sleep(max(0.0, back_at - time.monotonic()))
        stack.start_redis()
        window["end"] = time.time()

    samples = load.run(70, during=outage)
    during = [s for s in samples if window["start"] <= s.started <= window["end"]]
    posts = checks.acknowledged(samples)
    crisis = checks.acknowledged(samples, crisis=True)
    recovered = checks.seconds_to_no_pending(stack, timeout=RECOVERY_SECONDS)
    cases = checks.crisis_cases_of(stack, crisis)
    with contextlib.suppress(TimeoutError):
        checks.wait_until(
            lambda: not checks.on_call_mail_missing(stack, set(cases.values())),
            timeout=60,
            what="on-call emails",
        )
    mail_missing = checks.on_call_mail_missing(stack, set(cases.values()))
    by_kind = {
        kind: sum(1 for s in during if s.kind == kind and s.status >= 500)
        for kind in ("read", "form", "login", "post")
    }
    during_stats = summary(during)
    offered = load.offered_per_second(window["start"], window["end"])
    checks.figures(
        "c redis down 60 s",
        offered_posts_per_s=offered,
        **during_stats,
        fivexx_by_kind=by_kind,
        logins_ok=sum(1 for s in during if s.kind == "login" and s.status == 302),
        guesses_refused=sum(1 for s in during if s.kind == "login" and s.status == 429),
        seconds_to_0_pending=recovered and round(recovered, 1),
        lost=len(checks.missing_posts(stack, posts)),
        crisis_posts=len(crisis),
        crisis_without_case=len(set(crisis) - set(cases)),
        on_call_mail_missing=len(mail_missing),
    )
    assert offered >= 5, (offered, load.not_offered)
    assert during_stats["5xx"] == 0 and during_stats["no_answer"] == 0, by_kind
    assert sum(1 for s in during if s.kind == "login" and s.status == 302) > 0
    assert sum(1 for s in during if s.kind == "login" and s.status == 429) > 0, "no limit"
    assert recovered is not None, "posts still pending 3 minutes after Redis came back"
    assert checks.missing_posts(stack, posts) == []
    assert checks.screenings_not_exactly_one(stack, posts) == {}
    assert set(cases) == set(crisis)
    assert mail_missing == set()


def test_whole_run_nothing_twice_nothing_pending(stack):
    checks.wait_for_no_pending(stack, timeout=60)
    dupes = checks.duplicates(stack)
    total = stack.sql("SELECT count(*) FROM forums_post")[0][0]
    checks.figures("run totals", posts=total, duplicates=dupes, emails=len(stack.mails()))
    assert dupes == dict.fromkeys(dupes, 0)
