import json
import os
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from accounts.roles import MODERATORS, OPERATORS
from accounts.services import unverified_accounts_purge
from tests.factories import UserFactory


@pytest.mark.django_db
def test_migrations_create_the_moderator_and_operator_groups_with_permissions():
    moderators = Group.objects.get(name=MODERATORS)
    operators = Group.objects.get(name=OPERATORS)

    assert moderators.permissions.filter(codename="view_user").exists()
    assert not moderators.permissions.filter(codename="change_user").exists()
    assert operators.permissions.filter(codename="change_rule").exists()


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_prints_logins(capsys):
    call_command("seed_demo")
    first_count = User.objects.count()
    call_command("seed_demo")

    out = capsys.readouterr().out
    assert User.objects.count() == first_count
    assert "river_mod" in out and "ops_willow" in out and "TOTP secret" in out
    moderator = User.objects.get(handle="river_mod")
    assert moderator.groups.filter(name=MODERATORS).exists()


@pytest.mark.django_db
def test_seed_demo_members_can_show_private_messages_and_the_defaults():
    from conversations.permissions import can_message

    call_command("seed_demo")
    sam, lumen, fern = (User.objects.get(handle=h) for h in ("sam-walks", "lumen42", "quiet_fern"))
    assert can_message(sam, lumen) and can_message(lumen, sam)
    assert not can_message(sam, fern)  # a new member's default: nobody
    assert not can_message(fern, sam)  # new members cannot start conversations


@pytest.mark.django_db
def test_healthz_reports_database_health_as_json(client, settings):
    settings.REDIS_URL = ""

    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "checks": {"database": "ok"}}


@pytest.mark.django_db
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a Redis server (CI has one)")
def test_healthz_checks_the_real_broker_and_cache_when_configured(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    checks = json.loads(response.content)["checks"]
    assert checks == {"database": "ok", "cache": "ok", "broker": "ok"}


@pytest.mark.django_db
def test_healthz_reports_a_broken_broker_with_503(client, settings, monkeypatch):
    from config import views

    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    # Through Django's settings, which the Celery app reads on each access (an item set on
    # `app.conf` would outlive the test). The check publishes through the write URL, which
    # Celery may have resolved from the broker URL already: point both at a dead port.
    settings.CELERY_BROKER_URL = settings.CELERY_BROKER_WRITE_URL = "redis://127.0.0.1:1/0"
    monkeypatch.setattr(views, "_check_cache", lambda: True)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["broker"] == "error"


@pytest.mark.django_db
def test_unverified_accounts_older_than_30_days_are_purged():
    stale = UserFactory(handle="stale_one", verified=False)
    stale.date_joined = timezone.now() - timedelta(days=31)
    stale.save(update_fields=["date_joined"])
    UserFactory(handle="recent_one", verified=False)
    verified_old = UserFactory(handle="verified_old")
    verified_old.date_joined = timezone.now() - timedelta(days=90)
    verified_old.save(update_fields=["date_joined"])

    assert unverified_accounts_purge() == 1

    assert set(User.objects.values_list("handle", flat=True)) == {"recent_one", "verified_old"}
    assert EmailAddress.objects.filter(user=verified_old).exists()


@pytest.mark.django_db
def test_visitors_see_the_get_help_link_on_every_page(client):
    for path in ["/", "/rules/", "/privacy/", "/accounts/login/", "/accounts/signup/", "/nope/"]:
        page = client.get(path).content.decode()
        assert 'href="/help/"' in page, path
        assert "Get help now" in page, path


@pytest.mark.django_db
def test_seed_demo_gives_the_transparency_report_first_reply_times_and_a_waiting_list(client):
    from accounts.selectors import is_peer_supporter
    from forums.models import CheckInSchedule
    from forums.support import first_reply_report, waiting_threads_for

    call_command("seed_demo")
    call_command("seed_demo")  # still safe to run again
    rows = first_reply_report()
    answered = [row for row in rows if row.median_minutes is not None]
    assert len(answered) >= 5
    assert len({row.month for row in answered}) >= 3  # spread over past months
    assert any(row.p90_minutes > row.median_minutes for row in answered)
    page = client.get("/transparency/").content.decode()
    assert "Time to a first reply" in page and "minutes" in page

    supporter = User.objects.get(handle="morningtea")
    assert is_peer_supporter(supporter)
    assert {t.title for t in waiting_threads_for(supporter)} == {
        "Awake again at 3am",
        "First day at a new job tomorrow",
    }
    assert CheckInSchedule.objects.filter(title="Small wins Friday").count() == 1
