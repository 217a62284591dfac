"""Batched reads for digests: the preferences and the contents of a batch of members' digests
in a handful of set-based queries, whatever the batch size.

Visibility stays in forums.selectors: each member's rule is `selectors.digest_post_q(user)`
(what `_digest_posts_for` applies). The batch applies it for many members at once through
`selectors.digest_post_q_for_members` (watched threads: one condition per group of members
with the same rules, reading each row's member from its subscription) and
`selectors.digest_opening_posts_for_members` (opening posts: the rule on each row's facts);
tests compare both with `digest_post_q` member by member, so a rule added there (blocks,
mutes) must be added to them too.
"""

from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from allauth.account.models import EmailAddress
from django.db import connection, transaction
from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
)

from accounts.enums import DeliveryStatus, DigestContent, EmailKind
from accounts.models import EmailDelivery, EmailPreferences
from forums import selectors
from forums.digests.building import (
    WATCHED_LIMIT,
    Digest,
    digest_add_excerpts,
    digest_add_waiting,
    digest_assemble,
    thread_candidates_for,
)
from forums.mailing import PENDING_MAX_AGE, claimable_deliveries_q
from forums.models import ForumFollow, Post, ThreadSubscription

# Above this many distinct sets of values, scheduling changes are written by one bulk UPDATE.
DISTINCT_UPDATES = 4


@dataclass
class DigestJob:
    """One member's digest to build: their preferences (with the member) and its window."""

    prefs: EmailPreferences
    since: datetime
    until: datetime

    @property
    def user_id(self) -> int:
        return self.prefs.user_id

    @property
    def user(self):
        return self.prefs.user


def preferences_for_sending(*, user_ids) -> list[EmailPreferences]:
    """Return the preferences of `user_ids` with the member, the primary verified address as it
    is now (`verified_email`) and whether a digest delivery is unfinished
    (`has_unfinished_delivery`), as `accounts.selectors.email_preferences_for_sending` does for
    one member (1 query)."""
    address = EmailAddress.objects.filter(
        user_id=OuterRef("user_id"), primary=True, verified=True
    ).values("email")[:1]
    unfinished = EmailDelivery.objects.filter(
        user_id=OuterRef("user_id"),
        kind=EmailKind.DIGEST,
        status__in=(DeliveryStatus.SENDING, DeliveryStatus.RETRYING),
    )
    return list(
        EmailPreferences.objects.select_related("user")
        .annotate(verified_email=Subquery(address), has_unfinished_delivery=Exists(unfinished))
        .filter(user_id__in=list(user_ids))
        .order_by("user_id")
    )


@contextmanager
def _without_jit():
    """Run the batch queries without PostgreSQL's JIT: their per-member conditions make the
    planner's estimate high enough to compile them, which costs seconds and saves nothing. The
    sort of a few thousand watched rows gets the memory to stay off disk."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            # One statement (server-side binding refuses two in one execute); `true` = SET LOCAL.
            cursor.execute(
                "SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true)"
            )
        yield


def _watched_rows(jobs: list[DigestJob], until: datetime) -> dict[int, list[dict]]:
    """Return, by member, what `selectors.digest_watched_threads` returns for each (1 query:
    posts joined to the batch's subscriptions, each member's rule on their own rows)."""
    # Members of a batch mostly share their window: one condition per window, in which the
    # selectors' rule reads each row's member from the subscription joined.
    by_since: dict[datetime, list] = defaultdict(list)
    for job in jobs:
        by_since[job.since].append(job.user)
    rules = Q()
    for member_since, users in by_since.items():
        rules |= Q(created_at__gt=member_since) & selectors.digest_post_q_for_members(
            users, member="thread__subscriptions__user_id"
        )
    since = min(by_since)
    # One filter() call: every condition on thread__subscriptions is about the same row.
    rows = (
        Post.objects.filter(
            rules,
            thread__subscriptions__user_id__in=[job.user_id for job in jobs],
            thread__subscriptions__is_muted=False,
            thread__last_post_at__gt=since,
            created_at__gt=since,
            created_at__lte=until,
        )
        .values("thread__subscriptions__user_id", *selectors.DIGEST_THREAD_FIELDS)
        .annotate(new_count=Count("pk"), latest_post_id=Max("pk"), latest_at=Max("created_at"))
        .order_by()
    )
    by_member: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_member[row.pop("thread__subscriptions__user_id")].append(row)
    for member_rows in by_member.values():
        member_rows.sort(key=lambda r: (r["latest_at"], r["thread_id"]), reverse=True)
        del member_rows[WATCHED_LIMIT:]
    return by_member


def _opening_posts(
    jobs: list[DigestJob], thread_ids: set[int], until: datetime
) -> tuple[list[dict], dict[int, set[int]]]:
    """Return the opening posts of `thread_ids` up to `until` (as `digest_new_threads` rows)
    and, by member, the ids of those they may read and did not write (3 queries, through
    `selectors.digest_opening_posts_for_members`)."""
    if not thread_ids or not jobs:
        return [], {}
    return selectors.digest_opening_posts_for_members(
        [job.user for job in jobs], thread_ids=thread_ids, until=until
    )


def _subscribed(user_ids, thread_ids) -> dict[int, set[int]]:
    """Return, by member, which of `thread_ids` they watch or muted (1 query)."""
    subscribed: dict[int, set[int]] = defaultdict(set)
    if thread_ids:
        pairs = ThreadSubscription.objects.filter(
            user_id__in=list(user_ids), thread_id__in=sorted(thread_ids)
        ).values_list("user_id", "thread_id")
        for user_id, thread_id in pairs:
            subscribed[user_id].add(thread_id)
    return subscribed


def digests_build(*, jobs: list[DigestJob], frequency_of) -> dict[int, Digest]:
    """Return each job's digest, as `building.digest_build` makes it for one member, in at most
    six queries for the batch (plus one per member with excerpts). All jobs end at the same
    quarter hour; `frequency_of(job)` is the member's digest frequency."""
    if not jobs:
        return {}
    with _without_jit():
        return _digests_build(jobs, frequency_of)


def _digests_build(jobs: list[DigestJob], frequency_of) -> dict[int, Digest]:
    until = jobs[0].until
    user_ids = [job.user_id for job in jobs]
    follows: dict[int, set[int]] = defaultdict(set)
    for user_id, forum_id in ForumFollow.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "forum_id"
    ):
        follows[user_id].add(forum_id)
    watched = _watched_rows(jobs, until)
    candidates = {}
    for job in jobs:
        seen = {row["thread_id"] for row in watched.get(job.user_id, ())}
        candidates[job.user_id] = thread_candidates_for(
            frequency=frequency_of(job),
            until=until,
            followed_forums=follows[job.user_id],
            seen=seen,
        )
    wanted = {t for in_followed, popular in candidates.values() for t in (*in_followed, *popular)}
    subscribed = _subscribed(user_ids, wanted)
    rows, readers = _opening_posts(jobs, wanted, until)
    digests = {}
    for job in jobs:
        in_followed, popular_ids = candidates[job.user_id]
        thread_ids = in_followed.union(popular_ids) - subscribed[job.user_id]
        mine = readers.get(job.user_id, set())
        member_watched = watched.get(job.user_id, [])
        digest, followed, popular = digest_assemble(
            watched=member_watched,
            new_rows=[r for r in rows if r["pk"] in mine and r["thread_id"] in thread_ids],
            in_followed=in_followed,
            popular_ids=popular_ids,
            since=job.since,
            until=until,
        )
        if job.prefs.digest_content == DigestContent.EXCERPTS and not digest.is_empty:
            # Rare (titles only is the default): the selector's own query, 1 per member.
            digest_add_excerpts(
                job.user, digest, watched=member_watched, followed=followed, popular=popular
            )
        digest_add_waiting(job.user, digest)
        digests[job.user_id] = digest
    return digests


# --- Claims ------------------------------------------------------------------------------------


def deliveries_start(
    *, claims: list[tuple[int, str, str, int]], now: datetime
) -> dict[int, EmailDelivery]:
    """Create and claim a delivery for each (member, kind, period key, item count), as
    `mailing.delivery_start` does for one: one INSERT ... ON CONFLICT DO NOTHING (the unique
    constraint decides), then the records that existed already are taken over where they wait
    to retry or were abandoned mid-send (2 more queries, only when some existed). Return the
    deliveries claimed, by member; members left out were sent already or are being sent by
    another worker. At most one claim per member."""
    if not claims:
        return {}
    meta = EmailDelivery._meta
    columns = [
        "user_id",
        "kind",
        "period_key",
        "status",
        "attempts",
        "failure_reason",
        "item_count",
        "notification_ids",
        "created_at",
        "claimed_at",
    ]
    fields = [meta.get_field(name) for name in columns]
    quote = connection.ops.quote_name
    rows, params = [], []
    for user_id, kind, period_key, item_count in claims:
        values = [
            user_id,
            kind,
            period_key,
            DeliveryStatus.SENDING,
            1,
            "",
            item_count,
            [],
            now,
            now,
        ]
        params += [
            field.get_db_prep_save(value, connection)
            for field, value in zip(fields, values, strict=True)
        ]
        rows.append("(" + ", ".join(["%s"] * len(columns)) + ")")
    # Identifiers come from the model, every value is a parameter.
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "  # noqa: S608
        f"VALUES {', '.join(rows)} ON CONFLICT DO NOTHING "
        f"RETURNING {quote(meta.pk.column)}, {quote('user_id')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        created = {user_id: pk for pk, user_id in cursor.fetchall()}
    claimed = {}
    for user_id, kind, period_key, _ in claims:
        pk = created.get(user_id)
        if pk is not None:
            claimed[user_id] = EmailDelivery(
                pk=pk,
                user_id=user_id,
                kind=kind,
                period_key=period_key,
                status=DeliveryStatus.SENDING,
                attempts=1,
                created_at=now,
                claimed_at=now,
            )
    existed = [claim for claim in claims if claim[0] not in claimed]
    if existed:
        wanted = {(user_id, kind, period_key) for user_id, kind, period_key, _ in existed}
        found = EmailDelivery.objects.filter(
            claimable_deliveries_q(now),
            user_id__in=[user_id for user_id, *_ in existed],
            kind__in={kind for _, kind, *_ in existed},
            period_key__in={period_key for _, _, period_key, _ in existed},
        )
        takeover = [d for d in found if (d.user_id, d.kind, d.period_key) in wanted]
        claimed.update(deliveries_claim(takeover, now=now))
    return claimed


def deliveries_resume(*, user_ids, now: datetime) -> dict[int, EmailDelivery]:
    """Take over each member's latest digest delivery waiting to retry (or abandoned mid-send),
    as `mailing.delivery_pending` does for one; one older than PENDING_MAX_AGE is recorded as
    failed instead. Return the deliveries claimed, by member (at most 3 queries)."""
    if not user_ids:
        return {}
    latest: dict[int, EmailDelivery] = {}
    pending = EmailDelivery.objects.filter(
        claimable_deliveries_q(now), user_id__in=list(user_ids), kind=EmailKind.DIGEST
    ).order_by("user_id", "-created_at")
    for delivery in pending:
        latest.setdefault(delivery.user_id, delivery)
    expired = [d.pk for d in latest.values() if d.created_at < now - PENDING_MAX_AGE]
    if expired:
        EmailDelivery.objects.filter(claimable_deliveries_q(now), pk__in=expired).update(
            status=DeliveryStatus.FAILED, failure_reason="expired"
        )
    fresh = [d for d in latest.values() if d.pk not in expired]
    return deliveries_claim(fresh, now=now)


def deliveries_claim(deliveries: list[EmailDelivery], *, now: datetime) -> dict[int, EmailDelivery]:
    """Take over `deliveries` (waiting to retry or abandoned mid-send) in one UPDATE that only
    changes those still claimable, so two workers never both win one, as
    `mailing.delivery_claim` does; return those won, by member (2 queries)."""
    if not deliveries:
        return {}
    by_pk = {delivery.pk: delivery for delivery in deliveries}
    # Rows another worker is claiming right now are locked: skipped here, not waited for. Those
    # still claimable once locked are ours; the UPDATE then marks them as being sent.
    with transaction.atomic():
        won = list(
            EmailDelivery.objects.select_for_update(skip_locked=True)
            .filter(claimable_deliveries_q(now), pk__in=list(by_pk))
            .values_list("pk", "attempts")
        )
        EmailDelivery.objects.filter(pk__in=[pk for pk, _attempts in won]).update(
            status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, claimed_at=now
        )
    won = [(pk, attempts + 1) for pk, attempts in won]
    claimed = {}
    for delivery_pk, delivery_attempts in won:
        delivery = by_pk[delivery_pk]
        delivery.status, delivery.attempts, delivery.claimed_at = (
            DeliveryStatus.SENDING,
            delivery_attempts,
            now,
        )
        claimed[delivery.user_id] = delivery
    return claimed


def deliveries_finish(*, ids, status: str, reason: str = "", now=None) -> None:
    """Record the final or retrying state of deliveries `ids` (1 query)."""
    if not ids:
        return
    fields = {"status": status, "failure_reason": reason[:32]}
    if status == DeliveryStatus.SENT:
        fields["sent_at"] = now
    EmailDelivery.objects.filter(pk__in=list(ids)).update(**fields)


def preferences_save(prefs_fields: list[tuple[EmailPreferences, tuple[str, ...]]]) -> None:
    """Write the changed scheduling fields of each preference row, touching no other field:
    one UPDATE per distinct set of values (members due at the same time share them), or one
    bulk UPDATE per set of fields when the values are too varied."""
    by_fields: dict[tuple[str, ...], list[EmailPreferences]] = defaultdict(list)
    for prefs, fields in prefs_fields:
        by_fields[tuple(sorted(fields))].append(prefs)
    for fields, rows in by_fields.items():
        by_values: dict[tuple, list[int]] = defaultdict(list)
        for prefs in rows:
            by_values[tuple(getattr(prefs, name) for name in fields)].append(prefs.pk)
        if len(by_values) > DISTINCT_UPDATES:
            EmailPreferences.objects.bulk_update(rows, list(fields))
            continue
        for values, pks in by_values.items():
            EmailPreferences.objects.filter(pk__in=pks).update(
                **dict(zip(fields, values, strict=True))
            )
