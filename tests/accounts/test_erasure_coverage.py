"""Erasure leaves no free text a member wrote, in any model, now or when a model is added.

The registry test walks every installed model: one with free text and a link to a member must
be listed as handled by erasure or as kept, with the reason. The behavioural test has a member
write a distinctive word everywhere a member can write, erases them, and reads every table.
"""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils import timezone

from accounts import services
from accounts.enums import ErasureMode
from accounts.models import ErasureRequest
from accounts.services.data import ERASURE_HANDLES, ERASURE_KEEPS
from accounts.tasks import erase_due_accounts
from moderation import services as moderation_services
from moderation.demo import seed_moderation
from moderation.enums import ReportReason, SanctionKind, TargetKind
from moderation.models import (
    Appeal,
    EscalationContact,
    ModerationAction,
    ModeratorAssignment,
    OnCallShift,
    Report,
    Rule,
)
from tests.factories import ForumFactory, PostFactory, ThreadFactory

MARK = "quince-harbour"


def _is_free_text(field) -> bool:
    text_types = (models.CharField, models.TextField, models.JSONField, models.BinaryField)
    return isinstance(field, text_types) and not field.choices


def _models_with_member_text() -> set[str]:
    user_model = get_user_model()
    found = set()
    for model in apps.get_models():
        links = model is user_model or any(
            field.concrete and field.is_relation and field.related_model is user_model
            for field in model._meta.get_fields()
        )
        if links and any(_is_free_text(field) for field in model._meta.concrete_fields):
            found.add(model._meta.label_lower)
    return found


def test_every_model_with_a_members_text_is_erased_or_kept_for_a_stated_reason():
    found = _models_with_member_text()

    assert found - ERASURE_HANDLES.keys() - ERASURE_KEEPS.keys() == set()
    assert ERASURE_HANDLES.keys() & ERASURE_KEEPS.keys() == set()
    # No stale entries either: each one names a model that still needs the decision.
    assert (ERASURE_HANDLES.keys() | ERASURE_KEEPS.keys()) - found == set()
    assert all(reason.strip() for reason in (*ERASURE_HANDLES.values(), *ERASURE_KEEPS.values()))
    assert "moderation.report" in ERASURE_HANDLES and "moderation.appeal" in ERASURE_HANDLES


@pytest.fixture
def writer(member, other_member, moderator, operator):
    """`member` has written MARK into a post, a report note, an appeal, an escalation contact's
    note and the console's history; another member reported their post."""
    seed_moderation()
    ModeratorAssignment.objects.create(moderator=moderator, forum=None)
    forum = ForumFactory()
    own = ThreadFactory(forum=forum, author=member, title=f"On {MARK}", body=f"My {MARK} story")
    other = PostFactory(thread=own, author=other_member, body="A kind reply")
    moderation_services.report_create(
        reporter=member,
        target_kind=TargetKind.POST,
        target=other,
        reason=ReportReason.SPAM,
        note=f"note about {MARK}",
    )
    moderation_services.report_create(
        reporter=other_member,
        target_kind=TargetKind.THREAD,
        target=own,
        reason=ReportReason.SPAM,
    )
    moderation_services.member_sanction(
        member=member,
        kind=SanctionKind.WARNING,
        acting_user=moderator,
        rules=list(Rule.objects.all()[:1]),
        message="Please keep it kind.",
    )
    entry = ModerationAction.objects.filter(member=member).latest("pk")
    moderation_services.appeal_create(member=member, entry=entry, text=f"I meant {MARK}")
    EscalationContact.objects.create(user=member, email=member.email, level=1, note=MARK)
    OnCallShift.objects.create(moderator=member, weekday=0, start_time="09:00", end_time="17:00")
    LogEntry.objects.log_actions(
        user_id=operator.pk,
        queryset=[member],
        action_flag=CHANGE,
        change_message="[]",
        single_object=True,
    )
    return member


def _erase(member, mode):
    erasure = services.erasure_request(user=member, mode=mode)
    ErasureRequest.objects.filter(pk=erasure.pk).update(scheduled_for=timezone.now())
    assert erase_due_accounts() == 1


def _tables_holding(needle: str) -> set[str]:
    tables = set()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (names from the schema)
            if any(needle in repr(row) for row in cursor.fetchall()):
                tables.add(table)
    return tables


def _kept_tables() -> set[str]:
    return {apps.get_model(label)._meta.db_table for label in ERASURE_KEEPS}


def test_erasing_posts_too_leaves_the_members_words_only_where_kept(writer):
    handle = writer.handle

    _erase(writer, ErasureMode.ERASE_POSTS)

    assert _tables_holding(MARK) - _kept_tables() == set()
    assert _tables_holding(handle) - _kept_tables() == set()
    assert Report.objects.get(reason=ReportReason.SPAM, case__post__isnull=False).note == ""
    assert MARK not in Appeal.objects.get().text
    assert not EscalationContact.objects.exists() and not OnCallShift.objects.exists()
    member_type = ContentType.objects.get_for_model(get_user_model())
    assert LogEntry.objects.get(content_type=member_type).object_repr.startswith("former-")


def test_keeping_posts_still_erases_report_notes_and_appeals(writer):
    _erase(writer, ErasureMode.ANONYMISE)

    assert not Report.objects.filter(note__contains=MARK).exists()
    assert not Report.objects.filter(reporter=writer).exists()
    assert not Appeal.objects.filter(text__contains=MARK).exists()
    assert timezone.now() - timedelta(minutes=5) < ErasureRequest.objects.get().completed_at
