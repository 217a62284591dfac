"""What the scenarios read back from the stack's database and SMTP sink."""

from __future__ import annotations

import re
from collections import Counter

from tests.system.load import Sample, percentile
from tests.system.stack import Stack, wait_until

CRISIS = 40  # moderation.enums.CasePriority.CRISIS
CASE_URL = re.compile(r"/console/moderation/case/(\d+)/change/")


def acknowledged(samples: list[Sample], *, crisis: bool | None = None) -> list[int]:
    """Ids of the posts the site answered "your post is up" for (a redirect to the post)."""
    return [
        s.post_id
        for s in samples
        if s.kind == "post" and s.post_id and (crisis is None or s.crisis == crisis)
    ]


def pending_count(stack: Stack) -> int:
    return stack.sql("SELECT count(*) FROM forums_post WHERE screening_state = 'pending'")[0][0]


def wait_for_no_pending(stack: Stack, *, timeout: float) -> float:
    """Seconds until no post is pending screening (TimeoutError after `timeout`)."""
    return wait_until(
        lambda: pending_count(stack) == 0, timeout=timeout, interval=2, what="0 pending posts"
    )


def seconds_to_no_pending(stack: Stack, *, timeout: float) -> float | None:
    """Like `wait_for_no_pending`, but None when posts are still pending after `timeout`."""
    try:
        return wait_for_no_pending(stack, timeout=timeout)
    except TimeoutError:
        return None


def missing_posts(stack: Stack, post_ids: list[int]) -> list[int]:
    found = {row[0] for row in stack.sql("SELECT id FROM forums_post WHERE id = ANY(%s)", post_ids)}
    return sorted(set(post_ids) - found)


def screenings_not_exactly_one(stack: Stack, post_ids: list[int]) -> dict[int, int]:
    """Posts whose current revision does not have exactly one screening result."""
    rows = stack.sql(
        "SELECT p.id, count(s.id) FROM forums_post p"
        " LEFT JOIN moderation_screeningresult s ON s.post_id = p.id AND s.revision = p.revision"
        " WHERE p.id = ANY(%s) GROUP BY p.id",
        post_ids,
    )
    return {post_id: count for post_id, count in rows if count != 1}


def crisis_case_latencies(stack: Stack, post_ids: list[int]) -> dict[int, float]:
    """For each crisis post with a crisis case, seconds from the post to its case."""
    rows = stack.sql(
        "SELECT p.id, extract(epoch FROM s.created_at - p.created_at)"
        " FROM forums_post p JOIN moderation_screeningresult s"
        "   ON s.post_id = p.id AND s.revision = p.revision"
        " JOIN moderation_case c ON c.id = s.case_id AND c.priority = %s"
        " WHERE p.id = ANY(%s)",
        CRISIS,
        post_ids,
    )
    return {post_id: float(seconds) for post_id, seconds in rows}


def crisis_cases_of(stack: Stack, post_ids: list[int]) -> dict[int, int]:
    rows = stack.sql(
        "SELECT s.post_id, s.case_id FROM moderation_screeningresult s"
        " JOIN moderation_case c ON c.id = s.case_id AND c.priority = %s"
        " WHERE s.post_id = ANY(%s)",
        CRISIS,
        post_ids,
    )
    return dict(rows)


def duplicates(stack: Stack) -> dict[str, int]:
    """Everything that must exist at most once, counted over the whole run."""
    cases = stack.sql(
        "SELECT count(*) FROM (SELECT post_id FROM moderation_case WHERE post_id IS NOT NULL"
        " AND state IN ('open', 'claimed') GROUP BY post_id HAVING count(*) > 1) d"
    )[0][0]
    notifications = stack.sql(
        "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) n FROM forums_notification"
        " WHERE post_id IS NOT NULL GROUP BY recipient_id, kind, post_id) d"
    )[0][0]
    alerts = stack.sql(
        "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) n FROM moderation_crisisalert"
        " GROUP BY case_id, episode, level) d"
    )[0][0]
    return {
        "cases": int(cases),
        "notifications": int(notifications),
        "crisis_alerts": int(alerts),
        "emails": sum(extra_emails(stack).values()),
    }


def sent_crisis_notifications(stack: Stack) -> Counter:
    rows = stack.sql(
        "SELECT lower(n.recipient), a.case_id, count(*) FROM moderation_crisisnotification n"
        " JOIN moderation_crisisalert a ON a.id = n.alert_id"
        " WHERE n.channel = 'email' AND n.sent_at IS NOT NULL GROUP BY 1, 2"
    )
    return Counter({(recipient, case_id): count for recipient, case_id, count in rows})


def crisis_mails(stack: Stack) -> Counter:
    """Crisis alert emails in the sink by (recipient, case)."""
    counted: Counter = Counter()
    for mail in stack.mails():
        found = CASE_URL.search(mail["body"])
        if found:
            for recipient in mail["to"]:
                counted[(recipient.lower(), int(found.group(1)))] += 1
    return counted


def extra_emails(stack: Stack) -> Counter:
    """Crisis emails received more often than their notification rows were sent."""
    received, sent = crisis_mails(stack), sent_crisis_notifications(stack)
    return Counter({key: n - sent[key] for key, n in received.items() if n > sent[key]})


def on_call_mail_missing(stack: Stack, case_ids: set[int]) -> set[int]:
    """Crisis cases whose on-call alert email never reached the sink."""
    rows = stack.sql(
        "SELECT a.case_id, lower(n.recipient) FROM moderation_crisisalert a"
        " JOIN moderation_crisisnotification n ON n.alert_id = a.id AND n.channel = 'email'"
        " WHERE a.level = 0 AND a.case_id = ANY(%s)",
        list(case_ids),
    )
    received = crisis_mails(stack)
    mailed = {case_id for case_id, recipient in rows if received[(recipient, case_id)]}
    return case_ids - mailed


def figures(name: str, **values) -> None:
    """One quotable line per scenario in the test output (run with -s)."""
    text = " ".join(f"{key}={value}" for key, value in values.items())
    print(f"\n[system] {name}: {text}", flush=True)


def latency_figures(latencies: dict[int, float]) -> dict:
    values = sorted(latencies.values())
    return {
        "n": len(values),
        "p50_s": round(percentile(values, 50), 2),
        "p99_s": round(percentile(values, 99), 2),
        "max_s": round(values[-1], 2) if values else 0,
    }
