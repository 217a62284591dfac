"""TOTP codes computed from RFC 6238 itself (HMAC-SHA1, 30-second steps, 6 digits: allauth's
defaults, which Hearth keeps), so tests depend on no private code of allauth."""

import base64
import hashlib
import hmac
import struct
import time


def totp_code(secret: str, at: float | None = None) -> str:
    """The code an authenticator app shows for the base32 `secret` at `at` (default now)."""
    counter = int(time.time() if at is None else at) // 30
    key = base64.b32decode(secret.encode("ascii"), casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"
