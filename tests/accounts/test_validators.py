import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from accounts.models import User
from accounts.validators import HANDLE_VALIDATORS


def run_validators(handle: str) -> None:
    for validator in HANDLE_VALIDATORS:
        validator(handle)


@pytest.mark.parametrize(
    "handle", ["abc", "quiet_fern", "Sam-Walks", "lumen42", "a" * 30, "___", "x-1_y"]
)
def test_well_formed_handles_are_accepted(handle):
    run_validators(handle)


@pytest.mark.parametrize(
    "handle",
    ["ab", "a" * 31, "has space", "dot.ted", "émile", "semi;colon", "at@sign", "", "名前です"],
)
def test_malformed_handles_are_refused(handle):
    with pytest.raises(ValidationError) as error:
        run_validators(handle)
    assert error.value.code == "invalid_handle"


@pytest.mark.parametrize(
    "handle",
    [
        "admin",
        "Admin",
        "MODERATOR",
        "mod_erator",
        "staff",
        "support",
        "help",
        "hearth",
        "Hearth-",
        "sup-port",
    ],
)
def test_reserved_handles_are_refused_whatever_the_case_or_separators(handle):
    with pytest.raises(ValidationError) as error:
        run_validators(handle)
    assert error.value.code == "reserved_handle"


def test_handles_are_unique_case_insensitively_in_the_database(db):
    User.objects.create_user("Quiet_Fern", email="one@example.org", password="x")
    with pytest.raises(IntegrityError):
        User.objects.create_user("quiet_fern", email="two@example.org", password="x")
