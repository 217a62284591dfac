"""Message bodies at rest: AES-256-GCM with a key ring from MESSAGES_ENCRYPTION_KEYS.

The variable holds comma-separated, urlsafe-base64 32-byte keys, NEWEST FIRST: new messages are
written with the first key; older keys stay in the list until `rotate_message_keys` has
re-encrypted every message. Each row stores the id of its key (a short hash of the key, so the
order of the list can change without breaking anything), and the ciphertext is bound to the
message and conversation ids as associated data, so rows cannot be swapped in the database.

This module imports no models: config/settings.py uses `parse_keys` at start-up.
"""

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NONCE_BYTES = 12
KEY_BYTES = 32
ENV_NAME = "MESSAGES_ENCRYPTION_KEYS"


class MessageKeyMissing(Exception):
    """A message was written with a key that is no longer configured."""


class MessageTampered(Exception):
    """The ciphertext does not authenticate: wrong key, altered or swapped row."""


@dataclass(frozen=True)
class MessageKey:
    key_id: str
    secret: bytes = b""

    def __repr__(self) -> str:  # never print the key
        return f"MessageKey({self.key_id})"


def key_id_for(secret: bytes) -> str:
    return hashlib.sha256(b"hearth-message-key:" + secret).hexdigest()[:12]


def parse_keys(raw: str) -> list[MessageKey]:
    """Parse the environment value; raise ImproperlyConfigured on anything malformed."""
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if not items:
        raise ImproperlyConfigured(f"{ENV_NAME} is empty: give at least one key.")
    keys = []
    for position, item in enumerate(items, start=1):
        try:
            # Strict: the urlsafe decoder would quietly drop characters that do not belong.
            standard = item.replace("-", "+").replace("_", "/")
            secret = base64.b64decode(standard + "=" * (-len(item) % 4), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ImproperlyConfigured(
                f"{ENV_NAME}: key {position} is not urlsafe base64."
            ) from exc
        if len(secret) != KEY_BYTES:
            raise ImproperlyConfigured(
                f"{ENV_NAME}: key {position} must decode to {KEY_BYTES} bytes, "
                f'not {len(secret)}. Make one with: python -c "import base64, os; '
                f'print(base64.urlsafe_b64encode(os.urandom(32)).decode())"'
            )
        keys.append(MessageKey(key_id=key_id_for(secret), secret=secret))
    if len({key.key_id for key in keys}) != len(keys):
        raise ImproperlyConfigured(f"{ENV_NAME} lists the same key twice.")
    return keys


def development_key(secret_key: str) -> str:
    """A key derived from SECRET_KEY for the local quick start (DEBUG on) only."""
    digest = hashlib.sha256(b"hearth-development-message-key:" + secret_key.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def generate_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(KEY_BYTES)).decode()


def _ring() -> list[MessageKey]:
    return parse_keys(",".join(settings.MESSAGES_ENCRYPTION_KEYS))


def current_key_id() -> str:
    return _ring()[0].key_id


def _associated_data(*, message_id: int, conversation_id: int) -> bytes:
    return f"hearth-message:{conversation_id}:{message_id}".encode()


def seal(text: str, *, associated_data: bytes) -> tuple[bytes, str]:
    """Encrypt `text` with the newest key, bound to `associated_data` (which names the row it
    belongs to); return (nonce + ciphertext, key id). Used for messages and safety plans."""
    key = _ring()[0]
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(key.secret).encrypt(nonce, text.encode(), associated_data)
    return nonce + sealed, key.key_id


def unseal(blob: bytes, *, key_id: str, associated_data: bytes, row_id: object = None) -> str:
    """Decrypt what `seal` wrote with the key it was written with."""
    keys = {key.key_id: key for key in _ring()}
    if key_id not in keys:
        raise MessageKeyMissing(key_id)
    blob = bytes(blob)
    try:
        plain = AESGCM(keys[key_id].secret).decrypt(
            blob[:NONCE_BYTES], blob[NONCE_BYTES:], associated_data
        )
    except (InvalidTag, ValueError) as exc:  # ValueError: too short to hold a nonce and tag
        raise MessageTampered(row_id) from exc
    return plain.decode()


def encrypt(text: str, *, message_id: int, conversation_id: int) -> tuple[bytes, str]:
    """Encrypt `text` with the newest key; return (nonce + ciphertext, key id)."""
    return seal(
        text,
        associated_data=_associated_data(message_id=message_id, conversation_id=conversation_id),
    )


def decrypt(blob: bytes, *, key_id: str, message_id: int, conversation_id: int) -> str:
    """Decrypt a stored body with the key it was written with."""
    return unseal(
        blob,
        key_id=key_id,
        associated_data=_associated_data(message_id=message_id, conversation_id=conversation_id),
        row_id=message_id,
    )
