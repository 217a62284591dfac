"""The cache registry (accounts/cache_keys.py) names every key the code keeps in the cache, and
no cache call builds its key anywhere else."""

import re
from importlib import import_module
from pathlib import Path

import pytest
from django.test import RequestFactory

from accounts import cache_keys
from accounts.cache_keys import REGISTRY, KeyFamily
from accounts.request_state import member_cached_state, member_cached_state_keys
from accounts.services import email_paused_banner_show

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "core",
    "accounts",
    "config",
    "conversations",
    "drafts",
    "forums",
    "moderation",
    "notifications",
    "operations",
]
REGISTRY_FILE = ROOT / "accounts" / "cache_keys.py"

CACHE = r"\b(?:cache|default_cache|caches\[[^\]]*\])"
OPERATION = (
    r"(?:get|set|add|delete|get_many|set_many|delete_many|incr|decr|touch|get_or_set|has_key)"
)
# A key written out where it is used: a string literal as the first argument of a cache call,
# a `..._KEY = "..."` constant, or `key = "..."` / `key = f"..."`.
KEY_WRITTEN_OUT = [
    re.compile(CACHE + r"\." + OPERATION + r"\(\s*[rbuf]*[\"']"),
    re.compile(
        r"(?m)^\s*(?![A-Z_]*(?:SESSION|SECRET|ENCRYPTION))[A-Z_]*KEY[A-Z_]*\s*=\s*[rbuf]*[\"']"
    ),
    re.compile(r"(?m)^\s*(?:cache_)?key\s*=\s*[rbuf]*[\"']"),
]


def keys_written_out(source: str) -> list[str]:
    return [
        match.group(0).strip() for pattern in KEY_WRITTEN_OUT for match in pattern.finditer(source)
    ]


def app_sources():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts and path != REGISTRY_FILE:
                yield path


def test_the_scan_finds_keys_written_out_where_they_are_used():
    assert keys_written_out('    cache.get("forums:new-thing")\n')
    assert keys_written_out("    cache.set(f'badge:{user_id}', 1)\n")
    assert keys_written_out('NEW_THING_KEY = "forums:new-thing:{forum_id}"\n')
    assert keys_written_out('    key = f"forums:new-thing:{forum_id}"\n')
    assert not keys_written_out("    cache.get(OFFICE_HOURS.key(forum_id=forum_id))\n")
    assert not keys_written_out('CRISIS_SUPPORT_SESSION_KEY = "hearth_offer_crisis_support"\n')


def test_no_cache_key_is_written_out_outside_the_registry():
    found = {
        str(path.relative_to(ROOT)): written
        for path in app_sources()
        if (written := keys_written_out(path.read_text()))
    }
    assert not found, "build cache keys through accounts.cache_keys: " + repr(found)


def test_every_family_is_listed_once_with_its_owner_and_timeout():
    families = [value for value in vars(cache_keys).values() if isinstance(value, KeyFamily)]
    assert set(families) == set(REGISTRY) and len(REGISTRY) == len(set(REGISTRY))
    patterns = [family.pattern for family in REGISTRY]
    assert len(patterns) == len(set(patterns))
    for family in REGISTRY:
        assert family.owner in APPS, family.pattern
        assert family.invalidated_by, family.pattern
        assert family.timeout is None or family.timeout > 0, family.pattern


@pytest.mark.parametrize("family", REGISTRY, ids=lambda family: family.pattern)
def test_the_functions_named_as_clearing_each_family_exist_and_use_it(family):
    name = next(name for name, value in vars(cache_keys).items() if value is family)
    for dotted in family.cleared_by:
        module_name, function_name = dotted.rsplit(".", 1)
        module = import_module(module_name)
        assert callable(getattr(module, function_name, None)), dotted
        assert name in Path(module.__file__).read_text(), (dotted, name)


@pytest.mark.parametrize("family", REGISTRY, ids=lambda family: family.pattern)
def test_each_family_is_used_by_the_code(family):
    name = next(name for name, value in vars(cache_keys).items() if value is family)
    assert any(re.search(rf"\b{name}\b", path.read_text()) for path in app_sources()), name


def test_the_member_state_read_once_per_request_is_exactly_the_member_state_families():
    keys = set(member_cached_state_keys(7))
    expected = {
        family.key(**dict.fromkeys(re.findall(r"{(\w+)}", family.pattern), 7))
        for family in REGISTRY
        if family.is_member_state
    }
    assert keys == expected


def test_a_write_through_the_registry_makes_the_remembered_page_state_stale(member):
    request = RequestFactory().get("/")
    request.user = member
    assert member_cached_state(request) == {}

    email_paused_banner_show(user_id=member.pk)

    assert member_cached_state(request) == {cache_keys.EMAIL_PAUSED.key(user_id=member.pk): True}
