"""Sessions (accounts/sessions.py) and the member load read with fixed statements: the same
answers as the ORM's queries."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.models import User


def test_a_live_session_keeps_the_member_logged_in(member_client, member):
    assert 'href="/members/quiet_fern/"' in member_client.get("/privacy/").content.decode()


def test_an_expired_session_is_not_loaded(member_client, member):
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    page = member_client.get("/privacy/")
    assert not page.context["user"].is_authenticated
    assert 'href="/members/quiet_fern/"' not in page.content.decode()


def test_a_deleted_session_logs_the_member_out(member_client):
    Session.objects.all().delete()
    assert not member_client.get("/privacy/").context["user"].is_authenticated


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
