"""Sessions (accounts/sessions.py, accounts.MemberSession) carry their member, are read with one
fixed statement, and end by member with one indexed DELETE; the member load reads the same
member as the ORM."""

import importlib
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session as DjangoSession
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import MemberSession, User
from accounts.services import member_sessions_end
from tests.factories import TEST_PASSWORD, UserFactory


def test_a_live_session_keeps_the_member_logged_in(member_client, member):
    assert 'href="/members/quiet_fern/"' in member_client.get("/privacy/").content.decode()


def test_an_expired_session_is_not_loaded(member_client, member):
    MemberSession.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    page = member_client.get("/privacy/")
    assert not page.context["user"].is_authenticated
    assert 'href="/members/quiet_fern/"' not in page.content.decode()


def test_a_deleted_session_logs_the_member_out(member_client):
    MemberSession.objects.all().delete()
    assert not member_client.get("/privacy/").context["user"].is_authenticated


def test_logging_in_through_the_form_saves_a_session_with_the_member_and_logging_out_ends_it(
    client, member
):
    client.post(reverse("account_login"), {"login": member.handle, "password": TEST_PASSWORD})

    assert int(client.session[SESSION_KEY]) == member.pk
    saved = MemberSession.objects.get(session_key=client.session.session_key)
    assert saved.member_id == member.pk
    assert client.get("/privacy/").context["user"] == member

    client.post(reverse("account_logout"))

    assert not client.get("/privacy/").context["user"].is_authenticated
    assert not MemberSession.objects.filter(member_id=member.pk).exists()


def test_a_visitors_session_has_no_member(client, db):
    session = client.session
    session["seen"] = True
    session.save()
    assert MemberSession.objects.get(session_key=session.session_key).member_id is None


def test_a_members_page_reads_the_session_with_one_query(member_client, member):
    member_client.get("/privacy/")  # the first page may write the session (last seen, reminders)
    with CaptureQueriesContext(connection) as queries:
        member_client.get("/privacy/")
    session_reads = [q for q in queries if MemberSession._meta.db_table in q["sql"]]
    assert len(session_reads) == 1, [q["sql"] for q in session_reads]


def _logged_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_ending_a_members_sessions_logs_them_out_everywhere_and_keeps_others_logged_in(
    member, other_member
):
    phone, laptop = _logged_in_client(member), _logged_in_client(member)
    other = _logged_in_client(other_member)

    assert member_sessions_end(user=member) == 2

    assert not phone.get("/privacy/").context["user"].is_authenticated
    assert not laptop.get("/privacy/").context["user"].is_authenticated
    assert other.get("/privacy/").context["user"] == other_member


def test_ending_sessions_costs_the_same_queries_however_many_sessions_there_are(member):
    def queries_to_end(sessions: int) -> int:
        for _ in range(sessions):
            _logged_in_client(member)
        for visitor in UserFactory.create_batch(sessions):
            _logged_in_client(visitor)
        with CaptureQueriesContext(connection) as queries:
            assert member_sessions_end(user=member) == sessions
        return len(queries)

    assert queries_to_end(1) == queries_to_end(12) == 1


def test_clearsessions_removes_expired_sessions_only(member, other_member):
    _logged_in_client(member)
    _logged_in_client(other_member)
    MemberSession.objects.filter(member_id=member.pk).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    call_command("clearsessions")

    assert list(MemberSession.objects.values_list("member_id", flat=True)) == [other_member.pk]


def test_the_upgrade_copies_live_sessions_with_their_member_so_nobody_is_logged_out(
    settings, member, other_member
):
    # Before the upgrade: Django's own database sessions.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    members_browser, expired_browser = _logged_in_client(member), _logged_in_client(other_member)
    visitor = DjangoSessionStore()
    visitor["seen"] = True
    visitor.create()
    DjangoSession.objects.filter(session_key=expired_browser.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    members_key = members_browser.session.session_key
    settings.SESSION_ENGINE = "accounts.sessions"
    migration = importlib.import_module("accounts.migrations.0015_copy_live_sessions")

    # The migration reads only the schema editor's connection (SQLite refuses a real schema
    # editor inside the test's transaction).
    migration.copy_live_sessions(apps, SimpleNamespace(connection=connection))

    copied = {row.session_key: row for row in MemberSession.objects.all()}
    assert set(copied) == {members_key, visitor.session_key}
    assert copied[members_key].member_id == member.pk
    assert copied[visitor.session_key].member_id is None
    assert members_browser.get("/privacy/").context["user"] == member


def test_the_member_load_reads_the_same_member_as_the_orm(member):
    member.break_until = timezone.now() + timedelta(days=2)
    member.save()
    loaded = User.objects.get(pk=member.pk)
    expected = User.objects.filter(pk=member.pk).first()
    for field in User._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(expected, field.attname), field.name
    assert loaded.break_until.tzinfo is not None


def test_the_member_load_of_an_unknown_id_raises(db):
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=987654)
