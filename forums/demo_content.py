"""The demo forums and threads, written for Hearth (never copied from anywhere)."""

from datetime import time

from forums.enums import ForumVisibility, ThreadStarters

HANDLES = ["quiet_fern", "morningtea", "sam-walks", "lumen42", "river_mod"]
# Staffed hours: (ISO weekday, from, until, time zone); an end before the start runs overnight.
WEEKDAYS_UK = [(day, time(9), time(17), "Europe/London") for day in range(1, 6)]
EVENINGS_UK = [(day, time(19), time(23), "Europe/London") for day in range(1, 8)]
# Volunteers in North America cover the late UK night, Friday and Saturday.
WEEKEND_NIGHTS_US = [(day, time(20), time(2), "America/New_York") for day in (5, 6)]

DEFAULT_GUIDANCE = (
    "Share what feels right for you, at your own pace. Please don't give medical advice, "
    "name medications doses or methods, or share anyone's real name. If you are in danger "
    "right now, use “Get help now” at the top of every page."
)

WELCOME = [
    {
        "slug": "introduce-yourself",
        "office_hours_slots": WEEKDAYS_UK,
        "name": "Introduce yourself",
        "description": "New here? Say hello, as much or as little as you like.",
        "guidance": "A handle and a hello is plenty. You never have to share your story.",
        "threads": [
            {
                "title": "Hello from a night owl",
                "by": "quiet_fern",
                "body": "Hi all. I found this place at 2am, which probably says a lot. "
                "I'm not great at talking about feelings, but reading here already helps.",
                "replies": [
                    ("morningtea", "Welcome, @quiet_fern. Reading first is completely fine."),
                    ("sam-walks", "Night owls unite. Glad you found us."),
                    (
                        "river_mod",
                        "Welcome! The *Good news & small wins* forum is a gentle "
                        "place to start if you'd like to post somewhere.",
                    ),
                ],
            },
            {
                "title": "Back after a long break",
                "by": "lumen42",
                "body": "I used to post on another forum years ago. Life got busy, then "
                "hard, and I'm looking for somewhere calm again.",
                "replies": [
                    ("quiet_fern", "Calm is exactly the word. Welcome back to forums in general!")
                ],
            },
        ],
    },
    {
        "slug": "good-news",
        "name": "Good news & small wins",
        "description": "Anything that went a little better than expected. No win too small.",
        "threads": [
            {
                "title": "I answered the phone today",
                "by": "morningtea",
                "body": "It was only the pharmacy, but I picked up instead of letting it "
                "ring out. **Small win.**",
                "replies": [
                    ("lumen42", "That's not small! Phones are hard."),
                    ("sam-walks", "Celebrating this with you."),
                ],
            },
            {
                "title": "Three days of proper breakfast",
                "by": "sam-walks",
                "body": "Toast and a banana, three days running. Routine is slowly coming back.",
                "replies": [("quiet_fern", "Toast and a banana is a champion breakfast.")],
            },
        ],
    },
]

CONDITIONS = [
    {
        "slug": "anxiety-panic",
        "name": "Anxiety & panic",
        "description": "Worry, panic attacks, and the things that help us ride them out.",
        "office_hours": "Moderators read along; outside these hours, replies may take longer.",
        "office_hours_slots": WEEKDAYS_UK + EVENINGS_UK,
        "threads": [
            {
                "title": "What helps you in the first minute of a panic attack?",
                "by": "lumen42",
                "body": "For me it's naming five things I can see. What's your first "
                "step?\n\n- five things I can see\n- cold water on my wrists",
                "replies": [
                    (
                        "morningtea",
                        "Breathing out for longer than I breathe in. Out for six, in for four.",
                    ),
                    (
                        "quiet_fern",
                        "Reminding myself it has always passed before, even "
                        "when it didn't feel like it would.",
                    ),
                ],
            },
            {
                "title": "Anticipatory anxiety before appointments",
                "by": "quiet_fern",
                "body": "I have an appointment on Thursday and I've been dreading it "
                "since Monday. Does anyone else lose days to the waiting?",
                "replies": [
                    (
                        "sam-walks",
                        "Every time. Writing down what I want to say helps me "
                        "feel a bit more in control.",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "depression-low-mood",
        "office_hours_slots": WEEKDAYS_UK + WEEKEND_NIGHTS_US,
        "name": "Depression & low mood",
        "description": "For the heavy days, and for sharing what makes them a bit lighter.",
        "threads": [
            {
                "title": "The shower is a mountain today",
                "by": "sam-walks",
                "body": "Some days the smallest tasks feel impossible. Today is one of "
                "them. Just wanted to say it somewhere.",
                "replies": [
                    ("morningtea", "Heard. Some days just washing your face counts."),
                    ("lumen42", "Sending support. You said it out loud, that matters."),
                ],
            },
            {
                "title": "Things that got me through last winter",
                "by": "morningtea",
                "body": "A daylight lamp, a podcast for walks, and a friend I text "
                "every Sunday. What's on your list?",
                "replies": [("quiet_fern", "Audiobooks when reading felt like too much.")],
            },
        ],
    },
    {
        "slug": "postpartum-new-parents",
        "name": "Postpartum & new parents",
        "description": "For parents finding the early months harder than they expected.",
        "threads": [
            {
                "title": "Nobody told me it could feel like this",
                "by": "lumen42",
                "body": "Everyone says it's the happiest time. I love my baby and I also "
                "feel numb and scared a lot of the time. Is that normal?",
                "replies": [
                    (
                        "morningtea",
                        "It's more common than people say. Talking to my "
                        "health visitor was the turning point for me.",
                    ),
                    (
                        "river_mod",
                        "Thank you for sharing this. The *Get help now* page "
                        "lists perinatal support lines too.",
                    ),
                ],
            },
            {
                "title": "Night feeds and racing thoughts",
                "by": "morningtea",
                "body": "3am feeds are when my worries get loudest. Anyone have tricks "
                "for quieting the mind while awake with the baby?",
                "replies": [("sam-walks", "Gentle music with one earbud in helped me.")],
            },
        ],
    },
    {
        "slug": "adhd",
        "name": "ADHD",
        "description": "Focus, time, overwhelm, and everyday systems that actually work.",
        "threads": [
            {
                "title": "Body doubling: does it work for you?",
                "by": "quiet_fern",
                "body": "I get so much more done when someone is just in the room. Do "
                "you use online body doubling?",
                "replies": [
                    ("lumen42", "Yes! A silent video call with a friend while we both do admin."),
                ],
            },
            {
                "title": "Share your favourite reminder system",
                "by": "sam-walks",
                "body": "Mine: sticky notes on the front door. Low tech, high success.",
                "replies": [
                    (
                        "morningtea",
                        "Alarms with descriptive names, like "
                        "“take the washing out before it smells”.",
                    )
                ],
            },
        ],
    },
    {
        "slug": "ocd",
        "name": "OCD",
        "description": "Intrusive thoughts, compulsions, and recovery at your own pace.",
        "guidance": DEFAULT_GUIDANCE + " Please avoid asking others for reassurance about "
        "specific fears; support each other in sitting with uncertainty instead.",
        "threads": [
            {
                "title": "Sitting with the uncertainty",
                "by": "lumen42",
                "body": "My therapist keeps saying “maybe, maybe not”. It's so hard, "
                "but it's starting to make sense.",
                "replies": [
                    ("quiet_fern", "Maybe, maybe not is on a sticky note on my mirror."),
                ],
            },
            {
                "title": "Celebrating a skipped check",
                "by": "morningtea",
                "body": "Left the house and only checked the door once. Then I went to "
                "the shop anyway.",
                "replies": [("sam-walks", "That's huge. Well done for going anyway.")],
            },
        ],
    },
    {
        "slug": "bpd-emotional-intensity",
        "office_hours_slots": EVENINGS_UK + WEEKEND_NIGHTS_US,
        "name": "BPD & emotional intensity",
        "description": "Big feelings, relationships, and skills that help.",
        "threads": [
            {
                "title": "Favourite distress tolerance skill?",
                "by": "sam-walks",
                "body": "Ice cubes in my hands has helped more than once. What do you reach for?",
                "replies": [
                    ("lumen42", "Intense exercise for a few minutes. Stairs work."),
                    ("morningtea", "A playlist I made on a good day, for bad days."),
                ],
            },
            {
                "title": "Repairing after a hard conversation",
                "by": "quiet_fern",
                "body": "I said things I didn't mean yesterday. How do you start the "
                "repair conversation?",
                "replies": [
                    (
                        "sam-walks",
                        "I start with one sentence I've written "
                        "down first, so the feelings don't take over.",
                    )
                ],
            },
        ],
    },
    {
        "slug": "eating-disorder-recovery",
        "name": "Eating-disorder recovery",
        "description": "Recovery-focused support. Every post here carries a content warning.",
        "guidance": "Every post needs a content warning. Please don't mention numbers: no "
        "weights, sizes, calories or amounts. Focus on feelings and recovery.",
        "content_warning_required": True,
        "threads": [
            {
                "title": "Eating with others again",
                "by": "morningtea",
                "cw": "eating, meals",
                "body": "I had lunch with a colleague today for the first time in ages. "
                "My mind was loud, but I stayed at the table.",
                "replies": [
                    ("quiet_fern", "Staying at the table is brave. Proud of you."),
                ],
            },
            {
                "title": "Kind things to say to yourself at mealtimes",
                "by": "lumen42",
                "cw": "food, recovery thoughts",
                "body": "Mine is “this is nourishment, not a test”. What are yours?",
                "replies": [("sam-walks", "“My body is on my side.”")],
            },
        ],
    },
    {
        "slug": "psychosis-smi",
        "name": "Psychosis & serious mental illness",
        "description": "Living with psychosis, bipolar and other serious mental illness.",
        "threads": [
            {
                "title": "Explaining an episode to friends",
                "by": "quiet_fern",
                "body": "I'm well again and want to tell a couple of close friends what "
                "happened last year. How much did you share?",
                "replies": [
                    (
                        "lumen42",
                        "I kept it simple: I was unwell, I got treatment, I'm "
                        "doing better. They asked questions when they were ready.",
                    ),
                ],
            },
            {
                "title": "Early warning signs plans",
                "by": "sam-walks",
                "body": "My care team helped me write down my early signs. Sleep "
                "changes are my first clue. Does anyone else keep a plan like this?",
                "replies": [("morningtea", "Yes, and my partner has a copy too.")],
            },
        ],
    },
    {
        "slug": "rare-chronic-illness",
        "name": "Rare & chronic illness",
        "description": "When long-term illness and mental health meet.",
        "threads": [
            {
                "title": "Pacing on good days",
                "by": "lumen42",
                "body": "On good days I want to do everything and then I crash. How do "
                "you pace yourselves?",
                "replies": [
                    (
                        "quiet_fern",
                        "I plan half of what I think I can do. It still feels "
                        "like too little, and it's usually just right.",
                    ),
                ],
            },
            {
                "title": "When nobody has heard of your condition",
                "by": "morningtea",
                "body": "Explaining my diagnosis again and again is exhausting. Anyone "
                "else carry a little card?",
                "replies": [("sam-walks", "A note on my phone I can just show people.")],
            },
        ],
    },
]

MEMBERS = [
    {
        "slug": "members-lounge",
        "name": "Members' lounge",
        "description": "Off-topic chat for members: books, pets, weather, anything calm.",
        "visibility": ForumVisibility.MEMBERS,
        "threads": [
            {
                "title": "What are you reading this week?",
                "by": "sam-walks",
                "body": "I'm re-reading a comfort book about a lighthouse keeper.",
                "replies": [("lumen42", "A gardening book with lots of pictures.")],
            },
            {
                "title": "Pet photos (described in words)",
                "by": "quiet_fern",
                "body": "My cat is asleep in a patch of sun, one paw over her nose.",
                "replies": [("morningtea", "My dog is judging me from the sofa.")],
            },
        ],
    },
    {
        "slug": "moderators-lounge",
        "name": "Moderators' lounge",
        "description": "Private: for the moderation team to support each other.",
        "visibility": ForumVisibility.PRIVATE,
        "thread_starters": ThreadStarters.MODERATORS,
        "access": ["river_mod"],
        "threads": [
            {
                "title": "Looking after ourselves after hard shifts",
                "by": "river_mod",
                "body": "A reminder to take breaks and hand over to the on-call when you "
                "need to. What helps you switch off after a heavy shift?",
            },
        ],
    },
]

SECTIONS = [
    ("Welcome", WELCOME),
    ("Conditions and life situations", CONDITIONS),
    ("Community", MEMBERS),
]
