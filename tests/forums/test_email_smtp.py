"""A real digest through a real SMTP server (aiosmtpd, in this process, on 127.0.0.1): the MIME
structure and headers as a mail provider sees them. Needs only aiosmtpd, so it runs in `make
test`."""

import email
import email.policy
import smtplib
import socket
from datetime import UTC, datetime

import pytest
from aiosmtpd.controller import Controller

from accounts import services as account_services
from accounts.models import EmailDelivery
from forums import services
from forums.digests.sending import digest_send
from forums.mailing import Outcome
from tests.factories import PostFactory, UserFactory

SEND = datetime(2026, 7, 1, 8, 5, tzinfo=UTC)


class Inbox:
    """Keeps each message as received, parsed with the modern email policy."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"


class RefusingHandler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return "550 5.1.1 No such mailbox"


def _free_port() -> int:
    # aiosmtpd's Controller checks it is up by connecting to its port, so it cannot take port 0.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _smtp_server(handler):
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    return controller


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = _smtp_server(inbox)
    port = controller.port
    # What EMAIL_URL=smtp://127.0.0.1:<port> sets (config.settings._email_settings).
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "https://hearth.example.org"
    yield inbox
    controller.stop()


@pytest.fixture
def reader_with_news(time_machine, thread):
    time_machine.move_to(datetime(2026, 7, 1, 6, 0, tzinfo=UTC), tick=False)
    reader = UserFactory(handle="calm_reader", email="reader.private@example.org")
    account_services.email_preferences_update(user=reader, values={"digest_frequency": "daily"})
    services.thread_watch(user=reader, thread=thread)
    PostFactory(thread=thread, body="private words in a reply")
    return reader


def test_a_real_digest_through_smtp_has_both_parts_and_one_click_headers(smtp, reader_with_news):
    assert digest_send(user_id=reader_with_news.pk, now=SEND) == Outcome.SENT
    (message,) = smtp.messages
    assert message["To"] == "reader.private@example.org"
    assert message["Subject"] == "Your Hearth summary"
    assert smtp.recipients == [["reader.private@example.org"]]
    assert message.get_content_type() == "multipart/alternative"
    parts = [part.get_content_type() for part in message.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    text, html = (part.get_content() for part in message.iter_parts())
    unsubscribe = str(message["List-Unsubscribe"]).strip()  # long: folded onto its own line
    assert unsubscribe.startswith("<https://hearth.example.org/email/unsubscribe/")
    assert unsubscribe.endswith("/>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Message-ID"] and message["Date"]
    assert "Breathing exercises that help" in text and "Breathing exercises that help" in html
    assert "private words" not in text and "private words" not in html
    assert '<html lang="en"' in html and "<img" not in html and "src=" not in html
    assert "https://hearth.example.org/t/" in html
    assert unsubscribe[1:-1] in text


def test_a_refused_recipient_is_recorded(settings, reader_with_news):
    controller = _smtp_server(RefusingHandler())
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = controller.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        assert digest_send(user_id=reader_with_news.pk, now=SEND) == Outcome.REFUSED
    finally:
        controller.stop()
    delivery = EmailDelivery.objects.get(user=reader_with_news)
    assert (delivery.status, delivery.failure_reason) == ("failed", "refused")


def test_smtp_down_leaves_the_delivery_waiting_to_retry(settings, reader_with_news):
    from forums.mailing import TransientEmailError

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    with pytest.raises(TransientEmailError):
        digest_send(user_id=reader_with_news.pk, now=SEND)
    assert EmailDelivery.objects.get(user=reader_with_news).status == "retrying"
    assert smtplib  # the stdlib client is what Django's backend uses
