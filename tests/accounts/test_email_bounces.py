"""Bounces reported after sending: the signed webhook (JSON or a DSN) and the DSN command
record them against the member with that verified address, and repeated hard bounces pause
their emails with the banner, as refused addresses do."""

import io
import json
import logging
import mailbox
import time

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts import services
from accounts.bounces import (
    BounceFormatError,
    bounces_from_dsn,
    bounces_from_json,
    signature_for,
)
from accounts.models import EmailBounce, EmailPreferences
from tests.factories import UserFactory

URL = "/email/bounces/"
SECRET = "bounce-secret-for-tests"
ADDRESS = "fern.private@example.org"


@pytest.fixture(autouse=True)
def _webhook_secret(settings):
    settings.EMAIL_BOUNCE_WEBHOOK_SECRET = SECRET
    settings.EMAIL_HARD_BOUNCES_BEFORE_PAUSE = 3


def _list_unsubscribe(user_id: int) -> str:
    from forums.mailing import unsubscribe_url

    return f"List-Unsubscribe: <{unsubscribe_url(user_id=user_id, scope='digest')}>\r\n"


def _dsn(
    recipient=ADDRESS,
    *,
    action="failed",
    status="5.1.1",
    message_id="<dsn-1@mx.example>",
    sent_to: int | None = None,
):
    """A DSN; `sent_to`: the member whose signed unsubscribe link the returned headers carry."""
    returned = _list_unsubscribe(sent_to) if sent_to is not None else ""
    return (
        "From: Mail Delivery System <MAILER-DAEMON@mx.example>\r\n"
        "To: noreply@hearth.example.org\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        f"Message-ID: {message_id}\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n'
        "\r\n"
        "--B\r\n"
        "Content-Type: text/plain\r\n"
        "\r\n"
        "Your message could not be delivered.\r\n"
        "--B\r\n"
        "Content-Type: message/delivery-status\r\n"
        "\r\n"
        "Reporting-MTA: dns; mx.example\r\n"
        "\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\n"
        f"Action: {action}\r\n"
        f"Status: {status}\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 no such user\r\n"
        "--B\r\n"
        "Content-Type: text/rfc822-headers\r\n"
        "\r\n"
        "Subject: Your Hearth summary\r\n"
        f"{returned}"
        "--B--\r\n"
    ).encode()


def _post(client, body: bytes, *, content_type="application/json", secret=SECRET, at=None):
    timestamp = str(int(at if at is not None else time.time()))
    return client.post(
        URL,
        data=body,
        content_type=content_type,
        headers={
            "X-Hearth-Timestamp": timestamp,
            "X-Hearth-Signature": signature_for(secret=secret, timestamp=timestamp, body=body),
        },
    )


def _json(**item):
    return json.dumps({"recipient": ADDRESS, "type": "hard", **item}).encode()


def test_hard_bounces_pause_emails_after_the_configured_number_and_show_the_banner(
    member, client, caplog
):
    caplog.set_level(logging.INFO, logger="hearth.email")
    for n in range(2):
        response = _post(client, _json(id=f"evt-{n}"))
        assert response.status_code == 200
        assert response.json() == {"recorded": 1}
    prefs = EmailPreferences.objects.get(user=member)
    assert prefs.hard_bounce_count == 2 and not prefs.is_email_paused
    response = _post(client, _json(id="evt-2", recipient=ADDRESS.upper()))
    assert response.json() == {"paused": 1}
    prefs.refresh_from_db()
    assert prefs.is_email_paused and prefs.hard_bounce_count == 3
    assert EmailBounce.objects.filter(user=member, kind="hard", source="webhook").count() == 3
    client.force_login(member)
    assert "We could not deliver emails to your address" in client.get("/").content.decode()
    # The member checks their address and resumes: the count starts again.
    client.post("/settings/email/resume/")
    prefs.refresh_from_db()
    assert not prefs.is_email_paused and prefs.hard_bounce_count == 0
    assert "We could not deliver" not in client.get("/").content.decode()
    # Never the address, in the logs or in the records.
    assert ADDRESS not in caplog.text.lower()
    assert "bounce (hard, webhook) for member" in caplog.text
    stored = list(EmailBounce.objects.values_list("status_code", "reference_hash"))
    assert all(ADDRESS not in value and "evt-" not in value for row in stored for value in row)


def test_a_sent_email_does_not_reset_the_count_of_hard_bounces(member, client):
    """The mail server accepts an email that bounces later: acceptance proves nothing."""
    _post(client, _json(id="a"))
    services.email_delivery_success_record(user_id=member.pk)
    _post(client, _json(id="b"))
    assert EmailPreferences.objects.get(user=member).hard_bounce_count == 2


def test_soft_bounces_are_recorded_but_do_not_pause(member, client):
    for n in range(5):
        assert _post(client, _json(type="soft", id=f"s{n}")).json() == {"recorded": 1}
    prefs = services.email_preferences_get(user=member)
    assert prefs.hard_bounce_count == 0 and not prefs.is_email_paused
    assert EmailBounce.objects.filter(user=member, kind="soft").count() == 5


def test_a_report_sent_again_counts_once(member, client):
    assert _post(client, _json(id="same")).json() == {"recorded": 1}
    assert _post(client, _json(id="same")).json() == {"duplicate": 1}
    assert EmailPreferences.objects.get(user=member).hard_bounce_count == 1
    assert EmailBounce.objects.count() == 1


def test_only_a_members_current_verified_address_counts(member, client):
    stranger = json.dumps({"recipient": "nobody@example.org", "type": "hard"}).encode()
    assert _post(client, stranger).json() == {"unknown": 1}
    EmailAddress.objects.filter(user=member).update(verified=False)
    assert _post(client, _json()).json() == {"unknown": 1}
    assert not EmailBounce.objects.exists()
    assert not EmailPreferences.objects.filter(user=member, hard_bounce_count__gt=0).exists()


def test_a_list_of_bounces_is_recorded_in_one_request(member, client):
    other = UserFactory(handle="other", email="other.private@example.org")
    body = json.dumps(
        [
            {"recipient": ADDRESS, "type": "hard", "id": "1", "status": "5.1.1"},
            {"recipient": other.email, "type": "soft", "id": "2"},
        ]
    ).encode()
    assert _post(client, body).json() == {"recorded": 2}
    assert EmailBounce.objects.get(user=member).status_code == "5.1.1"
    assert EmailBounce.objects.get(user=other).kind == "soft"


@pytest.mark.parametrize(
    ("secret", "age", "why"),
    [("wrong-secret", 0, "wrong secret"), (SECRET, 3600, "an old, replayed request")],
)
def test_unsigned_wrongly_signed_or_old_requests_are_refused(member, client, secret, age, why):
    response = _post(client, _json(), secret=secret, at=time.time() - age)
    assert response.status_code == 403, why
    assert "X-Hearth-Signature" in response.json()["error"]
    response = client.post(URL, data=_json(), content_type="application/json")
    assert response.status_code == 403
    assert not EmailBounce.objects.exists()


def test_the_webhook_is_off_without_a_secret(member, client, settings):
    settings.EMAIL_BOUNCE_WEBHOOK_SECRET = ""
    assert _post(client, _json(), secret="").status_code == 404
    assert client.get(URL).status_code == 405


@pytest.mark.parametrize(
    ("body", "content_type", "error"),
    [
        (b"{not json", "application/json", "not valid JSON"),
        (b'{"type": "hard"}', "application/json", '"recipient"'),
        (b'{"recipient": "a@example.org", "type": "bounced"}', "application/json", '"type"'),
        (b"[]", "application/json", "empty"),
        (b"recipient=a@example.org", "application/x-www-form-urlencoded", "application/json"),
        (b"Subject: hello\r\n\r\nout of office", "message/rfc822", "not a delivery status"),
    ],
)
def test_bad_reports_get_a_clear_error_and_record_nothing(
    member, client, body, content_type, error
):
    response = _post(client, body, content_type=content_type)
    assert response.status_code == 400
    assert error in response.json()["error"]
    assert not EmailBounce.objects.exists()


def test_a_dsn_posted_to_the_webhook_is_recorded(member, client):
    response = _post(client, _dsn(), content_type="multipart/report")
    assert response.json() == {"recorded": 1}
    bounce = EmailBounce.objects.get(user=member)
    assert (bounce.kind, bounce.source, bounce.status_code) == ("hard", "dsn", "5.1.1")


def test_reading_dsns():
    (hard,) = bounces_from_dsn(_dsn())
    assert (hard.address, hard.kind, hard.status_code) == (ADDRESS, "hard", "5.1.1")
    (full_mailbox,) = bounces_from_dsn(_dsn(status="4.2.2"))
    assert full_mailbox.kind == "soft"
    (delayed,) = bounces_from_dsn(_dsn(action="delayed", status="4.4.1"))
    assert delayed.kind == "soft"
    assert bounces_from_dsn(_dsn(action="delivered", status="2.0.0")) == []
    with pytest.raises(BounceFormatError):
        bounces_from_dsn(b"Subject: I am away\r\n\r\nBack on Monday.")
    with pytest.raises(BounceFormatError):
        bounces_from_json(b'{"recipient": "a@example.org"}')


def test_the_command_reads_a_dsn_from_stdin_and_never_prints_the_address(member, monkeypatch):
    out = io.StringIO()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(_dsn(sent_to=member.pk))))
    call_command("email_bounces", stdout=out)
    assert out.getvalue().strip() == "1 message(s): 1 recorded"
    assert EmailPreferences.objects.get(user=member).hard_bounce_count == 1
    # The MTA delivers the same DSN twice: counted once.
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(_dsn(sent_to=member.pk))))
    call_command("email_bounces", stdout=out)
    assert EmailPreferences.objects.get(user=member).hard_bounce_count == 1


def test_the_command_reads_an_mbox_and_pauses_after_three(member, tmp_path):
    path = tmp_path / "bounces.mbox"
    box = mailbox.mbox(path)
    for n in range(3):
        box.add(_dsn(message_id=f"<dsn-{n}@mx.example>", sent_to=member.pk))
    box.add(b"Subject: Automatic reply\r\n\r\nI am away.")
    box.flush()
    out = io.StringIO()
    call_command("email_bounces", "--mbox", str(path), stdout=out)
    assert out.getvalue().strip() == "4 message(s): 1 not a DSN, 1 paused, 2 recorded"
    assert ADDRESS not in out.getvalue()
    assert EmailPreferences.objects.get(user=member).is_email_paused
    assert cache.get(f"accounts:email-paused:{member.pk}") is True


def test_the_command_explains_an_unreadable_mbox(tmp_path):
    with pytest.raises(CommandError, match="Cannot read the mbox"):
        call_command("email_bounces", "--mbox", str(tmp_path / "missing.mbox"))


def test_erasing_a_member_deletes_their_bounces(member, client):
    _post(client, _json(id="x"))
    from accounts.services.data import _personal_rows_delete

    _personal_rows_delete(member)
    assert not EmailBounce.objects.exists()


def test_a_captured_request_without_ids_replayed_within_the_window_counts_once(member, client):
    """Without an id of its own, a replay of the same signed request is still one bounce: three
    replays of one captured request must not pause the member's emails."""
    body = json.dumps({"recipient": ADDRESS, "type": "hard"}).encode()
    timestamp = str(int(time.time()))
    headers = {
        "X-Hearth-Timestamp": timestamp,
        "X-Hearth-Signature": signature_for(secret=SECRET, timestamp=timestamp, body=body),
    }
    first = client.post(URL, data=body, content_type="application/json", headers=headers)
    assert first.json() == {"recorded": 1}
    for _ in range(3):
        again = client.post(URL, data=body, content_type="application/json", headers=headers)
        assert again.json() == {"duplicate": 1}
    prefs = EmailPreferences.objects.get(user=member)
    assert prefs.hard_bounce_count == 1 and not prefs.is_email_paused
    # A new report of the same address, signed again, still counts.
    assert _post(client, body, at=time.time() + 1).json() == {"recorded": 1}


def test_a_signature_with_non_ascii_characters_is_refused_not_an_error(member, client):
    timestamp = str(int(time.time()))
    response = client.post(
        URL,
        data=_json(id="x"),
        content_type="application/json",
        headers={"X-Hearth-Timestamp": timestamp, "X-Hearth-Signature": "sha256=\u00e9\u00e9"},
    )
    assert response.status_code == 403
    assert not EmailBounce.objects.exists()


def test_deeply_nested_json_gets_a_clear_error(member, client):
    body = b"[" * 100_000 + b"]" * 100_000
    response = _post(client, body)
    assert response.status_code == 400
    assert "nested" in response.json()["error"]


def test_a_dsn_with_too_many_recipients_is_refused_whole(member, client):
    head, _sep, tail = _dsn().partition(b"Final-Recipient")
    block = b"Final-Recipient" + tail.split(b"\r\n--B\r\n")[0]
    many = b"\r\n\r\n".join(
        block.replace(ADDRESS.encode(), f"n{n}@x.example".encode()) for n in range(101)
    )
    raw = head + many + b"\r\n--B--\r\n"
    response = _post(client, raw, content_type="multipart/report")
    assert response.status_code == 400
    assert "At most 100" in response.json()["error"]
    assert not EmailBounce.objects.exists()


def test_the_members_export_lists_their_bounces_without_the_address(member, client):
    from accounts.exporting import member_data

    _post(client, _json(id="e1", status="5.1.1"))
    _post(client, _json(id="e2", type="soft", status="4.2.2"))
    rows = member_data(member)["email_bounces"]
    assert [(row["kind"], row["status_code"]) for row in rows] == [
        ("hard", "5.1.1"),
        ("soft", "4.2.2"),
    ]
    assert all(set(row) == {"kind", "status_code", "received_at"} for row in rows)
    assert ADDRESS not in json.dumps(rows, default=str)


@pytest.mark.parametrize("returned", ["nothing", "another member's link", "a forged token"])
def test_a_dsn_mailed_in_without_proof_hearth_sent_that_email_is_not_counted(
    member, other_member, tmp_path, returned
):
    """Anyone can mail the bounce address: made-up DSNs naming a member's address must not
    pause their emails. Only the returned email's signed unsubscribe link for that member
    counts."""
    path = tmp_path / "forged.mbox"
    box = mailbox.mbox(path)
    for n in range(3):
        raw = _dsn(
            message_id=f"<forged-{n}@mx.example>",
            sent_to=other_member.pk if returned == "another member's link" else None,
        )
        if returned == "a forged token":
            raw = raw.replace(
                b"Subject: Your Hearth summary\r\n",
                b"Subject: Your Hearth summary\r\nList-Unsubscribe: "
                b"<https://x.example/email/unsubscribe/WyJ4Il0:forged:signature/>\r\n",
            )
        box.add(raw)
    box.flush()
    out = io.StringIO()

    call_command("email_bounces", "--mbox", str(path), stdout=out)

    assert out.getvalue().strip() == "3 message(s): 3 unverified"
    assert not EmailBounce.objects.exists()
    prefs = EmailPreferences.objects.filter(user=member).first()
    assert prefs is None or (prefs.hard_bounce_count == 0 and not prefs.is_email_paused)


def test_a_dsn_returning_the_whole_email_is_verified_too(member):
    from accounts.bounces import dsn_member_ids

    raw = _dsn(sent_to=member.pk).replace(
        b"Content-Type: text/rfc822-headers", b"Content-Type: message/rfc822"
    )
    assert dsn_member_ids(raw) == {member.pk}
