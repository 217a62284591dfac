"""Reading bounce reports: the signed JSON of the bounce webhook and RFC 3464 delivery status
notifications (DSN). Pure functions: recording is `accounts.services.email_bounce_record`.

Addresses read here are passed on to be looked up, never logged or kept.
"""

import hashlib
import hmac
import json
import re
import time
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import Message

from accounts.enums import BounceKind
from accounts.tokens import unsubscribe_token_read

# The webhook's signature: hex HMAC-SHA256, keyed by EMAIL_BOUNCE_WEBHOOK_SECRET, of
# "<X-Hearth-Timestamp>." followed by the raw request body.
SIGNATURE_HEADER = "X-Hearth-Signature"
TIMESTAMP_HEADER = "X-Hearth-Timestamp"
SIGNATURE_MAX_AGE = 5 * 60  # seconds either way
MAX_BOUNCES_PER_REQUEST = 100


class BounceFormatError(ValueError):
    """The report cannot be read; the message says why, for the sender's operator."""


@dataclass(frozen=True)
class Bounce:
    address: str
    kind: str  # BounceKind
    status_code: str = ""
    reference: str = ""


def signature_for(*, secret: str, timestamp: str, body: bytes) -> str:
    """Return the signature header value for `body` sent at `timestamp` (unix seconds)."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def signature_is_valid(
    *, secret: str, timestamp: str, signature: str, body: bytes, now: float | None = None
) -> bool:
    """Return whether `signature` signs `body` at `timestamp` with `secret`, and `timestamp`
    is within SIGNATURE_MAX_AGE of now (a captured request cannot be replayed later)."""
    if not (secret and timestamp and signature):
        return False
    try:
        sent_at = int(timestamp)
    except ValueError:
        return False
    if abs((now if now is not None else time.time()) - sent_at) > SIGNATURE_MAX_AGE:
        return False
    expected = signature_for(secret=secret, timestamp=timestamp, body=body)
    # Bytes, not str: compare_digest refuses non-ASCII strings with a TypeError (a 500).
    return hmac.compare_digest(expected.encode(), signature.strip().encode("utf-8", "replace"))


def _kind_of(value) -> str:
    if value not in BounceKind.values:
        raise BounceFormatError('"type" must be "hard" or "soft".')
    return value


def bounces_from_json(body: bytes) -> list[Bounce]:
    """Read the webhook's JSON: one object or a list of up to MAX_BOUNCES_PER_REQUEST, each
    `{"recipient": address, "type": "hard"|"soft", "id": optional reference,
    "status": optional code such as "5.1.1"}`. Raise BounceFormatError on anything else."""
    try:
        data = json.loads(body)
    except RecursionError as error:
        raise BounceFormatError("The JSON is nested too deeply.") from error
    except (UnicodeDecodeError, ValueError) as error:
        raise BounceFormatError("The body is not valid JSON.") from error
    items = data if isinstance(data, list) else [data]
    if not items:
        raise BounceFormatError("The list of bounces is empty.")
    if len(items) > MAX_BOUNCES_PER_REQUEST:
        raise BounceFormatError(f"At most {MAX_BOUNCES_PER_REQUEST} bounces per request.")
    bounces = []
    for item in items:
        if not isinstance(item, dict):
            raise BounceFormatError("Each bounce must be a JSON object.")
        address = item.get("recipient")
        if not isinstance(address, str) or "@" not in address:
            raise BounceFormatError('Each bounce needs "recipient": an email address.')
        reference, status = item.get("id", ""), item.get("status", "")
        if not isinstance(reference, str | int) or not isinstance(status, str):
            raise BounceFormatError('"id" and "status" must be strings when given.')
        bounces.append(
            Bounce(
                address=address.strip(),
                kind=_kind_of(item.get("type")),
                status_code=status.strip(),
                reference=str(reference),
            )
        )
    return bounces


def _recipient_address(value: str) -> str:
    """'rfc822; someone@example.org' -> 'someone@example.org'."""
    _type, _sep, address = str(value).partition(";")
    return (address or _type).strip().strip("<>").strip()


def _status_groups(part: Message) -> list[Message]:
    """The header blocks of a message/delivery-status part: the per-message block first."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return [block for block in payload if isinstance(block, Message)]
    # Some writers send the part as plain text: read its blank-line separated blocks.
    text = payload if isinstance(payload, str) else ""
    return [
        message_from_bytes(block.strip().encode(), policy=policy.compat32)
        for block in text.replace("\r\n", "\n").split("\n\n")
        if block.strip()
    ]


def bounces_from_dsn(raw: bytes) -> list[Bounce]:
    """Read an RFC 3464 delivery status notification (a multipart/report, or a bare
    message/delivery-status): one Bounce per recipient whose Action is "failed" (hard when
    its Status is 5.x.x, soft when 4.x.x) or "delayed" (soft). Recipients delivered, relayed
    or expanded are not bounces. Raise BounceFormatError if `raw` holds no delivery status."""
    message = message_from_bytes(raw, policy=policy.compat32)
    parts = [
        part
        for part in message.walk()
        if part.get_content_type() in ("message/delivery-status", "message/global-delivery-status")
    ]
    if not parts:
        raise BounceFormatError("This is not a delivery status notification (RFC 3464).")
    message_id = str(message.get("Message-ID", "")).strip()
    bounces = []
    for part in parts:
        groups = _status_groups(part)
        for block in groups[1:]:  # the first block is about the message, the rest recipients
            recipient = block.get("Final-Recipient") or block.get("Original-Recipient")
            action = str(block.get("Action", "")).strip().lower()
            status = str(block.get("Status", "")).strip().split(" ")[0]
            if not recipient or action not in ("failed", "delayed"):
                continue
            address = _recipient_address(recipient)
            if "@" not in address:
                continue
            if len(bounces) >= MAX_BOUNCES_PER_REQUEST:
                raise BounceFormatError(
                    f"At most {MAX_BOUNCES_PER_REQUEST} failed recipients per report."
                )
            hard = action == "failed" and not status.startswith("4")
            bounces.append(
                Bounce(
                    address=address,
                    kind=BounceKind.HARD if hard else BounceKind.SOFT,
                    status_code=status,
                    # The same DSN processed twice counts once.
                    reference=f"{message_id}|{address.lower()}" if message_id else "",
                )
            )
    return bounces


# The parts of a DSN that carry the returned email (or its headers).
RETURNED_CONTENT_TYPES = ("text/rfc822-headers", "message/rfc822", "message/rfc822-headers")
_UNSUBSCRIBE_TOKEN = re.compile(r"/email/unsubscribe/([A-Za-z0-9_:.\-]+)/")


def dsn_member_ids(raw: bytes) -> set[int]:
    """The members Hearth sent the returned email to, read from the signed unsubscribe link in
    its List-Unsubscribe header (digests and notification emails carry one). A DSN anyone can
    mail to the bounce address proves nothing by itself: one whose returned headers hold no
    valid token for the bounced address's member is not counted (`manage.py email_bounces`)."""
    message = message_from_bytes(raw, policy=policy.compat32)
    ids = set()
    for part in message.walk():
        if part.get_content_type() not in RETURNED_CONTENT_TYPES:
            continue
        payload = part.get_payload()
        if isinstance(payload, list):  # message/rfc822: the returned message itself
            headers = "\n".join(str(item.get("List-Unsubscribe", "")) for item in payload)
        else:
            raw_part = part.get_payload(decode=True) or b""
            returned = message_from_bytes(raw_part, policy=policy.compat32)
            headers = str(returned.get("List-Unsubscribe", ""))
        for token in _UNSUBSCRIBE_TOKEN.findall(re.sub(r"\s+", "", headers)):
            wanted = unsubscribe_token_read(token)
            if wanted is not None:
                ids.add(wanted.user_id)
    return ids
