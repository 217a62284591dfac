"""Demo community rules for `seed_demo`."""

from moderation.models import ModeratorAssignment, Rule, RulesVersion

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
