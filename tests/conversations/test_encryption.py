"""Bodies are encrypted at rest; start-up refuses a missing or malformed key; keys rotate."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.exporting import member_data
from conversations import selectors, services
from conversations.models import Message
from core import crypto
from tests.conversations.conftest import CANARY, start

ROOT = Path(__file__).resolve().parents[2]
OLD_KEY = settings.MESSAGES_ENCRYPTION_KEYS[0]
NEW_KEY = crypto.generate_key()


def _raw_bodies() -> list[bytes]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT ciphertext FROM conversations_message")
        return [bytes(row[0]) for row in cursor.fetchall()]


def test_the_stored_column_holds_no_plaintext_and_participants_read_it(client, alice, bob):
    conversation = start(alice, bob, body=f"My secret is {CANARY}")

    raw = _raw_bodies()
    assert raw and all(CANARY.encode() not in body for body in raw)
    client.force_login(bob)
    assert CANARY in client.get(conversation.get_absolute_url()).content.decode()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="pg_dump needs PostgreSQL; the raw-column test above covers every database",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_postgresql_dump_contains_no_message_text(alice, bob):
    start(alice, bob, body=f"Please keep this between us: {CANARY}")
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    command = [
        shutil.which("pg_dump") or "pg_dump",
        "--data-only",
        "-h", db.get("HOST") or "127.0.0.1",
        "-p", str(db.get("PORT") or 5432),
        "-U", db.get("USER") or "postgres",
        db["NAME"],
    ]  # fmt: skip
    # The command is built from the test settings only.
    dump = subprocess.run(command, env=env, capture_output=True, check=True, timeout=120).stdout  # noqa: S603

    assert b"conversations_message" in dump  # the table was dumped
    assert CANARY.encode() not in dump


def test_rows_cannot_be_swapped_between_messages(alice, bob):
    conversation = start(alice, bob, body="first")
    services.request_answer(user=bob, conversation=conversation, accept=True)
    services.message_send(sender=bob, conversation=conversation, body="second")
    first, second = Message.objects.order_by("pk")
    Message.objects.filter(pk=first.pk).update(ciphertext=bytes(second.ciphertext))

    with pytest.raises(crypto.MessageTampered):
        selectors.message_body(Message.objects.get(pk=first.pk))


def test_half_done_rotation_reads_old_and_new_messages(settings, alice, bob):
    conversation = start(alice, bob, body="written under the old key")
    settings.MESSAGES_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    services.request_answer(user=bob, conversation=conversation, accept=True)
    services.message_send(sender=bob, conversation=conversation, body="written under the new key")

    old, new = Message.objects.order_by("pk")
    assert old.key_id != new.key_id
    assert selectors.message_body(old) == "written under the old key"
    assert selectors.message_body(new) == "written under the new key"


def test_rotation_command_reencrypts_with_the_newest_key_and_is_idempotent(
    settings, alice, bob, capsys
):
    start(alice, bob, body=f"rotate me {CANARY}")
    settings.MESSAGES_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]

    call_command("rotate_message_keys", "--batch-size", "1")
    assert "Re-encrypted 1 message(s)" in capsys.readouterr().out
    call_command("rotate_message_keys")
    assert "Re-encrypted 0 message(s)" in capsys.readouterr().out

    settings.MESSAGES_ENCRYPTION_KEYS = [NEW_KEY]  # the old key can now go
    message = Message.objects.get()
    assert message.key_id == crypto.key_id_for(crypto.parse_keys(NEW_KEY)[0].secret)
    assert selectors.message_body(message) == f"rotate me {CANARY}"


def test_rotation_with_a_missing_old_key_stops_clearly_and_loses_nothing(settings, alice, bob):
    start(alice, bob, body="under the old key")
    settings.MESSAGES_ENCRYPTION_KEYS = [NEW_KEY]

    with pytest.raises(CommandError, match="no longer in MESSAGES_ENCRYPTION_KEYS"):
        call_command("rotate_message_keys")

    settings.MESSAGES_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    assert selectors.message_body(Message.objects.get()) == "under the old key"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("not base64 at all!", "not urlsafe base64"),
        ("c2hvcnQ=", "must decode to 32 bytes"),
        (",", "is empty"),
    ],
)
def test_malformed_keys_are_refused(value, problem):
    with pytest.raises(ImproperlyConfigured, match=problem):
        crypto.parse_keys(value)


def _check(env_changes: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "MESSAGES_ENCRYPTION_KEYS"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",  # production settings, not the suite's
            "SECRET_KEY": "x",
            "EMAIL_URL": "memory://",
            **env_changes,
        }
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_start_up_without_a_key_refuses_in_production():
    result = _check({"DEBUG": "0"})

    assert result.returncode != 0
    assert "MESSAGES_ENCRYPTION_KEYS is required when DEBUG is off" in result.stderr


def test_start_up_with_a_wrong_key_refuses_even_in_debug():
    result = _check({"DEBUG": "1", "MESSAGES_ENCRYPTION_KEYS": "c2hvcnQ="})

    assert result.returncode != 0
    assert "must decode to 32 bytes" in result.stderr


def test_local_quick_start_derives_a_development_key_and_says_so():
    result = _check({"DEBUG": "1"})

    assert result.returncode == 0, result.stderr
    assert "development key derived from SECRET_KEY" in result.stderr


def test_a_message_whose_key_is_missing_is_shown_as_unavailable_not_an_error(
    client, settings, conversation, bob
):
    settings.MESSAGES_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    services.message_send(sender=bob, conversation=conversation, body="under the new key")
    settings.MESSAGES_ENCRYPTION_KEYS = [NEW_KEY]  # the old key removed too early
    client.force_login(bob)

    response = client.get(conversation.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert "can’t be shown right now" in page
    assert "under the new key" in page


def test_rotation_skips_a_row_that_does_not_authenticate_and_says_so(settings, alice, bob, capsys):
    """One altered row used to stop the rotation for good: every run failed on it first."""
    conversation = start(alice, bob, body="bad row")
    services.request_answer(user=bob, conversation=conversation, accept=True)
    services.message_send(sender=bob, conversation=conversation, body="good row")
    bad, good = Message.objects.order_by("pk")
    Message.objects.filter(pk=bad.pk).update(ciphertext=bytes(bad.ciphertext)[:-1] + b"\0")
    settings.MESSAGES_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]

    with pytest.raises(CommandError, match=f"1 message\\(s\\) do not authenticate.*ids {bad.pk}"):
        call_command("rotate_message_keys", "--batch-size", "1")

    assert "Re-encrypted 1 message(s)" in capsys.readouterr().out
    settings.MESSAGES_ENCRYPTION_KEYS = [NEW_KEY]
    assert selectors.message_body(Message.objects.get(pk=good.pk)) == "good row"


def test_an_export_with_a_message_whose_key_is_missing_is_still_built(settings, conversation, bob):
    settings.MESSAGES_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    services.message_send(sender=bob, conversation=conversation, body="under the new key")
    settings.MESSAGES_ENCRYPTION_KEYS = [NEW_KEY]  # the old key removed too early

    [exported] = member_data(bob)["private_messages"]

    assert [m["text"] for m in exported["messages"]] == [None, "under the new key"]


def test_a_truncated_row_reads_as_tampered_not_as_a_server_error(client, conversation, bob):
    first = conversation.messages.get()
    Message.objects.filter(pk=first.pk).update(ciphertext=b"short")

    with pytest.raises(crypto.MessageTampered):
        selectors.message_body(Message.objects.get(pk=first.pk))
    client.force_login(bob)
    response = client.get(conversation.get_absolute_url())
    assert response.status_code == 200 and "can’t be shown right now" in response.content.decode()
