"""The safety plan's sections (the Stanley–Brown structure) and its sealing at rest.

The plan is stored as the encrypted JSON of its sections, with the keys that encrypt private
messages (core/crypto.py imports no models, so there is no import cycle). The
associated data names the member, so one member's sealed plan cannot be moved to another.
"""

import json
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from core import crypto

SECTION_MAX_LENGTH = 2000


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    hint: str


SECTIONS = (
    Section(
        "warning_signs",
        _("Warning signs"),
        _("Thoughts, feelings, situations or behaviour that tell me a crisis may be coming."),
    ),
    Section(
        "coping_alone",
        _("Things I can do on my own"),
        _("Ways to take my mind off things without contacting anyone: a walk, music, a shower."),
    ),
    Section(
        "distractions",
        _("People and places that take my mind off things"),
        _("Friends, family or places (a café, a park, a library) where I feel a bit better."),
    ),
    Section(
        "people_to_ask",
        _("People I can ask for help"),
        _("Who I can tell that I am struggling, and how to reach them."),
    ),
    Section(
        "professionals",
        _("Professionals and services"),
        _("My doctor, therapist, crisis lines and the local emergency number."),
    ),
    Section(
        "safer_surroundings",
        _("Making my surroundings safer"),
        _("What I can put away, give to someone, or keep out of reach when things get hard."),
    ),
    Section(
        "reasons_for_living",
        _("Reasons for living"),
        _("The people, hopes, pets, plans and small things that matter to me."),
    ),
)
SECTION_KEYS = tuple(section.key for section in SECTIONS)


def _associated_data(user_id: int) -> bytes:
    return f"hearth-safety-plan:{user_id}".encode()


def seal_sections(sections: dict[str, str], *, user_id: int) -> tuple[bytes, str]:
    """Encrypt the sections (only the known keys) for the member; return (blob, key id)."""
    clean = {key: str(sections.get(key, "")) for key in SECTION_KEYS}
    return crypto.seal(
        json.dumps(clean, ensure_ascii=False), associated_data=_associated_data(user_id)
    )


def unseal_sections(blob: bytes, *, key_id: str, user_id: int) -> dict[str, str]:
    """Decrypt a stored plan; raises crypto.MessageKeyMissing or crypto.MessageTampered."""
    data = json.loads(
        crypto.unseal(
            blob, key_id=key_id, associated_data=_associated_data(user_id), row_id=user_id
        )
    )
    return {key: str(data.get(key, "")) for key in SECTION_KEYS}
