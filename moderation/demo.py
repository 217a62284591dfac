"""Demo community rules for `seed_demo`."""

from datetime import time

from moderation.enums import EscalationLevel, HelplineKind
from moderation.models import (
    EscalationContact,
    Helpline,
    ModeratorAssignment,
    OnCallShift,
    Rule,
    RulesVersion,
)

DEMO_RULES = [
    (
        "Be kind, or be quiet",
        "We are all going through something. Disagree gently, never mock, belittle or pile on.",
    ),
    (
        "Keep each other safe",
        "Do not describe methods of self-harm or suicide in detail, and do not encourage them. "
        "If you are worried about someone, report the post so a moderator can check in.",
    ),
    (
        "Respect privacy",
        "Do not share anyone's personal information, including your own contact details. "
        "What is said here stays here: do not repost members' words elsewhere.",
    ),
    (
        "Peer support, not medical advice",
        "Share what helped you, but do not tell others to stop, start or change treatment. "
        "No selling, promoting or recruiting.",
    ),
    (
        "Use content warnings",
        "Put a content warning on posts about self-harm, suicide, abuse, eating disorders, "
        "numbers (weights, calories) and other distressing topics.",
    ),
    (
        "No hate or harassment",
        "No attacks on anyone for who they are: race, religion, gender, sexuality, disability, "
        "diagnosis or anything else.",
    ),
]


def seed_moderation() -> None:
    """Create the demo community rules and their first version."""
    for number, (title, explanation) in enumerate(DEMO_RULES, start=1):
        Rule.objects.update_or_create(
            number=number, defaults={"title": title, "explanation": explanation, "order": number}
        )
    RulesVersion.objects.get_or_create(
        number=1, defaults={"summary": "First version of the community rules."}
    )


def seed_moderator_assignments(*, moderators) -> None:
    """Make the demo moderators global moderators (every forum)."""
    for moderator in moderators:
        ModeratorAssignment.objects.get_or_create(moderator=moderator, forum=None)


# Well-known national lines, for the demo only: operators must check every detail with the
# service before launch (hence needs_review), and add the lines their members need.
DEMO_HELPLINES = [
    {
        "country": "GB",
        "name": "Samaritans",
        "description": "Talk about anything that is upsetting you, any time.",
        "phone": "116 123",
        "url": "https://www.samaritans.org/",
        "opening_hours": "24/7",
        "languages": "English, Welsh",
    },
    {
        "country": "IE",
        "name": "Samaritans Ireland",
        "description": "Talk about anything that is upsetting you, any time.",
        "phone": "116 123",
        "url": "https://www.samaritans.org/ireland/",
        "opening_hours": "24/7",
        "languages": "English",
    },
    {
        "country": "US",
        "name": "988 Suicide & Crisis Lifeline",
        "description": "Call, text or chat with a trained crisis counselor.",
        "phone": "988",
        "sms": "988",
        "url": "https://988lifeline.org/",
        "opening_hours": "24/7",
        "languages": "English, Spanish",
    },
    {
        "country": "CA",
        "name": "9-8-8 Suicide Crisis Helpline",
        "description": "Call or text for support with thoughts of suicide.",
        "phone": "988",
        "sms": "988",
        "url": "https://988.ca/",
        "opening_hours": "24/7",
        "languages": "English, French",
    },
    {
        "country": "AU",
        "name": "Lifeline",
        "description": "Crisis support and suicide prevention.",
        "phone": "13 11 14",
        "url": "https://www.lifeline.org.au/",
        "opening_hours": "24/7",
        "languages": "English",
    },
    {
        "country": "DE",
        "name": "TelefonSeelsorge",
        "description": "Anonymous, free support by phone, mail and chat.",
        "phone": "0800 111 0 111",
        "url": "https://www.telefonseelsorge.de/",
        "opening_hours": "24/7",
        "languages": "Deutsch",
    },
    {
        "country": "GB",
        "name": "Shout",
        "kind": HelplineKind.SUPPORT,
        "description": "Text a trained volunteer, any time, free.",
        "sms": "85258",
        "url": "https://giveusashout.org/",
        "opening_hours": "24/7",
        "languages": "English",
        "order": 20,
    },
    {
        "country": "US",
        "name": "Crisis Text Line",
        "kind": HelplineKind.SUPPORT,
        "description": "Text a trained volunteer, any time, free.",
        "sms": "741741",
        "url": "https://www.crisistextline.org/",
        "opening_hours": "24/7",
        "languages": "English, Spanish",
        "order": 20,
    },
    *(
        {
            "country": country,
            "name": name,
            "kind": HelplineKind.EMERGENCY,
            "description": "Police, ambulance and fire, when a life is in danger.",
            "phone": number,
            "opening_hours": "24/7",
            "languages": "",
            "order": 0,
        }
        for country, name, number in (
            ("GB", "Emergency services", "999"),
            ("IE", "Emergency services", "112"),
            ("US", "Emergency services", "911"),
            ("CA", "Emergency services", "911"),
            ("AU", "Emergency services", "000"),
            ("DE", "Notruf", "112"),
        )
    ),
    {
        "country": "",
        "name": "Outside these countries",
        "description": (
            "Call your local emergency number if you are in danger. Find A Helpline lists free, "
            "confidential lines in many countries."
        ),
        "url": "https://findahelpline.com/",
        "opening_hours": "",
        "languages": "",
        "order": 100,
    },
]


def seed_helplines() -> None:
    """Load the demo helplines, all marked as needing the operator's review before launch."""
    for entry in DEMO_HELPLINES:
        Helpline.objects.update_or_create(
            country=entry["country"],
            name=entry["name"],
            defaults={**entry, "needs_review": True, "is_active": True},
        )


def seed_on_call(*, moderators, operators) -> None:
    """An on-call rota with a deliberate overnight gap (so the console shows a warning), and
    the operators on the escalation list."""
    for moderator in moderators:
        for weekday in range(7):
            OnCallShift.objects.get_or_create(
                moderator=moderator,
                weekday=weekday,
                defaults={
                    "start_time": time(7, 0),
                    "end_time": time(23, 0),
                    "time_zone": moderator.timezone or "UTC",
                },
            )
    for operator in operators:
        EscalationContact.objects.get_or_create(
            user=operator,
            defaults={"level": EscalationLevel.OPERATORS, "note": "Demo operator"},
        )
