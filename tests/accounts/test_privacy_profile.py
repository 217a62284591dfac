"""Profile fields and their audiences: what the member, another member, a moderator and a
visitor see on /members/<handle>/, and the settings page that chooses it."""

import pytest

from accounts import services
from accounts.enums import FieldVisibility
from accounts.models import ExperienceTag, Profile
from tests.factories import PostFactory, UserFactory

ABOUT = "I like long walks and quiet mornings"


@pytest.fixture
def tag(db):
    return ExperienceTag.objects.create(name="Grief and loss")


def _set_everything(member, visibility: str, tag) -> None:
    services.profile_update(
        user=member,
        values={
            "about_me": ABOUT,
            "pronouns": "they/them",
            "age_range": "25-34",
            "country": "ie",
            "experiences": [tag],
            **{
                f"{name}_visibility": visibility
                for name in (
                    "about_me",
                    "pronouns",
                    "country",
                    "age_range",
                    "experiences",
                    "last_seen",
                    "posts",
                )
            },
        },
    )


def _profile_page(client, member, viewer=None) -> str:
    if viewer is not None:
        client.force_login(viewer)
    else:
        client.logout()
    return client.get(f"/members/{member.handle}/").content.decode()


SHOWN = [ABOUT, "they/them", "25 to 34", "Ireland", "Grief and loss", "Recent posts"]


@pytest.mark.parametrize(
    ("visibility", "audience", "sees"),
    [
        (FieldVisibility.ONLY_ME, "self", True),
        (FieldVisibility.ONLY_ME, "member", False),
        (FieldVisibility.ONLY_ME, "moderator", False),
        (FieldVisibility.ONLY_ME, "visitor", False),
        (FieldVisibility.MEMBERS, "self", True),
        (FieldVisibility.MEMBERS, "member", True),
        (FieldVisibility.MEMBERS, "moderator", True),
        (FieldVisibility.MEMBERS, "visitor", False),
        (FieldVisibility.MODERATORS, "self", True),
        (FieldVisibility.MODERATORS, "member", False),
        (FieldVisibility.MODERATORS, "moderator", True),
        (FieldVisibility.MODERATORS, "visitor", False),
    ],
)
def test_each_field_is_shown_exactly_to_its_audience(
    client, member, other_member, moderator, tag, visibility, audience, sees
):
    _set_everything(member, visibility, tag)
    PostFactory(author=member, body="a post of mine")
    viewer = {"self": member, "member": other_member, "moderator": moderator, "visitor": None}

    page = _profile_page(client, member, viewer[audience])

    for text in SHOWN:
        assert (text in page) is sees, (text, audience)
    assert member.email not in page


def test_fields_default_to_only_me(client, member, other_member, tag):
    services.profile_update(user=member, values={"about_me": ABOUT, "pronouns": "she/her"})
    profile = Profile.objects.get(user=member)
    assert {
        profile.about_me_visibility,
        profile.pronouns_visibility,
        profile.country_visibility,
        profile.last_seen_visibility,
        profile.posts_visibility,
    } == {FieldVisibility.ONLY_ME}
    assert ABOUT not in _profile_page(client, member, other_member)
    assert ABOUT in _profile_page(client, member, member)


def test_each_field_has_its_own_audience(client, member, other_member, tag):
    _set_everything(member, FieldVisibility.ONLY_ME, tag)
    services.profile_update(user=member, values={"pronouns_visibility": FieldVisibility.MEMBERS})
    page = _profile_page(client, member, other_member)
    assert "they/them" in page
    assert ABOUT not in page and "Ireland" not in page


def test_settings_page_saves_fields_and_audiences(member_client, member, tag):
    response = member_client.post(
        "/settings/profile/",
        {
            "about_me": ABOUT,
            "about_me_visibility": "members",
            "pronouns": "",
            "pronouns_visibility": "only_me",
            "country": "NZ",
            "country_visibility": "moderators",
            "age_range": "",
            "age_range_visibility": "only_me",
            "experiences": [tag.pk],
            "experiences_visibility": "members",
            "last_seen_visibility": "only_me",
            "posts_visibility": "members",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    member.refresh_from_db()
    assert profile.about_me_visibility == "members"
    assert list(profile.experiences.all()) == [tag]
    assert member.country == "NZ"
    assert member_client.get("/settings/profile/").status_code == 200


def test_hidden_post_list_and_last_seen(client, member, other_member):
    PostFactory(author=member, body="something")
    page = _profile_page(client, member, other_member)
    assert "Recent posts" not in page and "Last here" not in page
    services.profile_update(
        user=member, values={"posts_visibility": "members", "last_seen_visibility": "members"}
    )
    client.force_login(member)  # sets last_login
    page = _profile_page(client, member, other_member)
    assert "Recent posts" in page and "Last here" in page


def test_inactive_experience_tags_are_not_offered(member_client, tag):
    ExperienceTag.objects.create(name="Retired tag", is_active=False)
    page = member_client.get("/settings/profile/").content.decode()
    assert "Grief and loss" in page and "Retired tag" not in page


def test_profile_shows_block_and_mute_buttons_to_other_members_only(client, member):
    assert "Block quiet_fern" not in _profile_page(client, member, member)
    assert "Block quiet_fern" in _profile_page(client, member, UserFactory())
    assert "Block quiet_fern" not in _profile_page(client, member, None)
