"""The library internals Hearth still relies upon, each listed here with why, and each held by a
test (tests/accounts/test_internals.py) that fails if an upgrade changes it.

Everything else uses documented APIs. An internal earns its place only where no public API does
the job, or where a page falls below its performance bar without it (bench/README.md has the
figures). Where the code can, it reaches the internal through a function of this module, so the
private names appear in one place; the rest (a pure library, a module written around an ORM
internal) name their internal below.

This module sits at the bottom of the apps (accounts; the others may import it) and imports
nothing of theirs.

Replaced by public APIs when this list was written (kept here as a record, not relied upon):
- `django.contrib.sessions` `SessionStore._get_session_from_db`: now `accounts.sessions`
  overrides the public `load()` and uses `get_model_class()` / `create_model_instance()`.
- allauth `core.internal.httpkit.get_client_ip`: now the default adapter's `get_client_ip`.
- allauth `account.internal.stagekit.clear_login`: a refused login now flushes the session.
- allauth `mfa.totp.internal.auth.TOTP` for checking a code: now `Authenticator.wrap()`, the
  model method allauth's own public forms validate codes with.
- Django's `utils.regex_helper._lazy_re_compile`: now `re.compile`.
- `LazyObject._wrapped` / `_setup` in the sanction middleware: now `django.contrib.auth.get_user`.
- Django's `RedisCacheClient.get_client` / `_get_connection_pool` / `_client` and
  `RedisCache._class` / `_cache` (one `redis.Redis` kept per pool; the /healthz ping): dropped.
  With the locked redis-py a client costs ~2.5 µs of CPU per cache call (bench/cache_client.py),
  not the ~50 µs measured with older releases; /healthz pings with a `redis.Redis` of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP


@dataclass(frozen=True)
class Internal:
    library: str
    name: str
    used_in: str
    why: str


INTERNALS = (
    Internal(
        "django",
        "SQLCompiler.as_sql, get_converters, apply_converters, select, col_count, klass_info, "
        "annotation_col_map; Query.extra_select, values_select, annotation_select; "
        "django.db.models.query.get_related_populators",
        "core/compiled_queries.py (the thread, forum and index pages; the member load)",
        "Building and compiling the pages' fixed-shape querysets cost more CPU than PostgreSQL "
        "takes to run them (bench/README.md, 'queries compiled once'); compiled once per "
        "process, each request only runs the SQL. tests/forums/test_compiled_queries.py runs "
        "every compiled query against the ORM's own answer.",
    ),
    Internal(
        "allauth",
        "allauth.mfa.totp.internal.auth.TOTP.activate, "
        "allauth.mfa.recovery_codes.internal.auth.RecoveryCodes.activate",
        "accounts/demo.py (seed_demo) and the test factories, through totp_activate and "
        "recovery_codes_activate below",
        "allauth has no public API to enrol an authenticator server-side with a known secret "
        "(its views do it in the member's browser session); the demo prints fixed logins.",
    ),
    Internal(
        "python",
        "re._parser (formerly sre_parse) and its opcode constants",
        "moderation/screening/watched.py",
        "Rejecting catastrophic operator regexes needs their parsed structure (nested repeats, "
        "alternation inside repeats); the standard library exposes it only there. The "
        "screening engine is a pure leaf, so it imports the module itself.",
    ),
)


# --- allauth's authenticators ----------------------------------------------------------------


def totp_activate(user, secret: str):
    """Enrol `user` in TOTP with the base32 `secret`; return the `Authenticator`."""
    return TOTP.activate(user, secret).instance


def recovery_codes_activate(user):
    """Give `user` recovery codes (kept if they have some); return the `Authenticator`."""
    return RecoveryCodes.activate(user).instance
