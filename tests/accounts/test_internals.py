"""The library internals listed in accounts/internals.py still behave as Hearth relies upon (an
upgrade that changes one fails here), and no other module reaches into a library's internals."""

import re
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from django.test import RequestFactory

from accounts.internals import (
    INTERNALS,
    recovery_codes_activate,
    totp_activate,
)
from accounts.ratelimit import hashed_client_address
from config.cache import RedisCache
from moderation.screening import watched
from tests.totp import totp_code

ROOT = Path(__file__).resolve().parents[2]
# Nothing listens on port 1: building a backend and its clients never connects.
NOWHERE = "redis://127.0.0.1:1/0"


def test_the_sites_redis_backend_still_answers_from_memory_when_redis_is_away():
    backend = RedisCache(NOWHERE, {"RETRY_AFTER": 60, "OPTIONS": {"socket_connect_timeout": 1}})
    backend.set("internals:probe", 42)
    assert backend.get("internals:probe") == 42
    assert backend.is_degraded
    assert backend.ping() is False


def test_an_authenticator_enrolled_with_a_known_secret_accepts_that_secrets_codes(member):
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    totp = totp_activate(member, secret)

    assert isinstance(totp, Authenticator) and totp.type == Authenticator.Type.TOTP
    assert totp.wrap().validate_code(totp_code(secret))
    assert not totp.wrap().validate_code("000000" if totp_code(secret) != "000000" else "111111")


def test_recovery_codes_are_created_once_and_each_works_once(member):
    codes = recovery_codes_activate(member)
    assert recovery_codes_activate(member).pk == codes.pk
    unused = codes.wrap().get_unused_codes()
    assert len(unused) == 10

    assert codes.wrap().validate_code(unused[0])
    codes.refresh_from_db()
    assert unused[0] not in codes.wrap().get_unused_codes()


def test_the_regex_parser_still_shows_a_repeat_inside_a_repeat():
    parsed = watched.sre_parse.parse("(a+)+")
    ((outer_op, (_low, _high, body)),) = list(parsed)
    assert outer_op == watched.sre_parse.MAX_REPEAT
    subpattern_op, (_group, _add, _del, inner) = next(iter(body))
    assert subpattern_op == watched.sre_parse.SUBPATTERN
    assert next(iter(inner))[0] == watched.sre_parse.MAX_REPEAT


def test_each_listed_internal_names_files_that_exist():
    for internal in INTERNALS:
        named = re.findall(r"[\w/]+\.py", internal.used_in)
        assert named, internal.name
        for path in named:
            assert (ROOT / path).exists(), (internal.name, path)


# Private names of libraries, and the module each may appear in besides accounts/internals.py,
# which lists them all.
PRIVATE_USES = {
    r"allauth\.[\w.]*internal": set(),
    r"regex_helper import _": set(),
    r"_get_session_from_db": set(),
    r"\._wrapped\b|\._setup\(\)": set(),
    # Kept only to measure what dropping it cost.
    r"_get_connection_pool|\._class\b|\._cache\.get_client": {"bench/cache_client.py"},
    r"re\._parser|sre_parse": {"moderation/screening/watched.py"},
    r"get_related_populators|\.get_compiler\(|apply_converters": {"core/compiled_queries.py"},
}
SOURCE_DIRS = ["core", "accounts", "config", "conversations", "drafts", "forums", "moderation"]
SOURCE_DIRS += ["operations", "bench", "scripts", "tests"]


@pytest.mark.parametrize("pattern", list(PRIVATE_USES))
def test_library_internals_are_used_only_where_accounts_internals_lists_them(pattern):
    found = set()
    for directory in SOURCE_DIRS:
        for path in (ROOT / directory).rglob("*.py"):
            if path == Path(__file__) or "migrations" in path.parts:
                continue  # this file probes them on purpose
            if re.search(pattern, path.read_text()):
                found.add(str(path.relative_to(ROOT)))
    allowed = PRIVATE_USES[pattern] | {"accounts/internals.py"}
    assert found <= allowed, found - allowed


def test_rate_limit_keys_hash_the_address_allauth_reads(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    factory = RequestFactory()

    def key(forwarded: str) -> str:
        return hashed_client_address(factory.get("/", HTTP_X_FORWARDED_FOR=forwarded))

    first = key("203.0.113.7")
    assert first == key("203.0.113.7")
    assert first != key("198.51.100.4")
    assert "203.0.113.7" not in first and len(first) == 32
