"""Synthetic data for benchmarks: members, threads and posts, loaded with COPY on PostgreSQL.

Everything (ids, positions, counters, last-post pointers) is computed here, so the rows are
consistent by construction; search vectors are computed in SQL while moving posts from a
staging table, so no row is ever updated after it is written.
"""

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.text import slugify

from forums.markdown import render_markdown

OPENINGS = [
    "Today was a bit easier than yesterday.",
    "I wanted to share something small that helped me this week.",
    "Has anyone else found that mornings are the hardest part?",
    "Thank you all for the kind replies on my last post.",
    "I tried the breathing exercise someone suggested and it helped a little.",
    "I'm not sure how to put this into words, but here goes.",
    "Checking in after a long week.",
    "This might sound silly, but I made my bed today and felt proud.",
]
MIDDLES = [
    "My sleep has been all over the place, so I started keeping a simple routine.",
    "I went for a short walk around the block and noticed the trees changing colour.",
    "Talking to my GP was scary, but they listened and we made a plan together.",
    "Some days the worry takes over, and on those days I try to be gentle with myself.",
    "Writing things down before bed stops my thoughts from going round in circles.",
    "I told a friend a little about how I have been feeling and they were kind about it.",
    "Small steps still count, even when they feel tiny.",
    "I keep a list of things that helped before, so I can look at it on bad days.",
    "The waiting list is long, but I have an appointment now.",
    "Cooking something simple gave my afternoon a bit of shape.",
    "I noticed I was holding my breath, so I tried breathing out slowly for a count of six.",
    "Rest is not the same as giving up; it took me a long time to believe that.",
]
CLOSINGS = [
    "Sending warmth to anyone who needs it tonight.",
    "How are you all doing?",
    "Thanks for reading, it helps to write it here.",
    "One day at a time.",
    "Be kind to yourselves.",
    "**You are not alone in this.**",
    "- a cup of tea\n- a blanket\n- a kind word\n\nThat was enough today.",
]
TITLES = [
    "Small wins this week", "Mornings are hard", "Sleep routines that help",
    "First appointment nerves", "Checking in", "What helps you on bad days?",
    "Going back to work", "Telling family", "A good day, finally", "Breathing exercises",
    "Walking helps me", "Journalling prompts", "Waiting lists", "Medication questions",
    "Feeling stuck", "Gratitude thread", "Evening wind-down", "Weekend plans, gently",
]  # fmt: skip

BIG_THREAD_TITLE = "Daily check-in: how are you today?"

# Everyday words for one more sentence per body, drawn with Zipf weights (the n-th word about
# 1/n as likely as the first) so that, as in real text, a few words are in a large share of
# posts and most are in few: searches for a common and for a rare word both have a real
# workload. The sentences above stay, so "sleep" is in about a fifth of all posts.
EVERYDAY_WORDS = [
    "today", "tired", "home", "work", "friend", "family", "morning", "night", "week", "tea",
    "walk", "music", "book", "dog", "cat", "garden", "rain", "weather", "kitchen", "dinner",
    "breakfast", "phone", "message", "doctor", "appointment", "therapy", "bus", "train", "shop",
    "coffee", "bath", "shower", "window", "park", "river", "beach", "hill", "bike", "car",
    "office", "school", "college", "exam", "holiday", "birthday", "mum", "dad", "sister",
    "brother", "partner", "neighbour", "kettle", "blanket", "candle", "film", "series",
    "podcast", "radio", "piano", "guitar", "painting", "drawing", "knitting", "puzzle",
    "crossword", "jigsaw", "bread", "soup", "pasta", "rice", "apple", "orange", "banana",
    "biscuit", "chocolate", "cake", "porridge", "toast", "sandwich", "salad", "pizza", "curry",
    "library", "museum", "cinema", "theatre", "church", "mosque", "temple", "market", "station",
    "airport", "harbour", "bridge", "forest", "meadow", "lake", "pond", "field", "farm",
    "allotment", "greenhouse", "balcony", "sofa", "pillow", "duvet", "curtains", "lamp", "clock",
    "calendar", "diary", "notebook", "pencil", "envelope", "postcard", "stamp", "letter",
    "parcel", "umbrella", "scarf", "gloves", "boots", "jumper", "jacket", "hat", "socks",
    "laundry", "ironing", "hoovering", "dusting", "recycling", "compost", "seedlings",
    "tomatoes", "courgettes", "strawberries", "blackberries", "sunflowers", "tulips",
    "daffodils", "snowdrops", "bluebells", "hedgehog", "robin", "blackbird", "sparrow", "pigeon",
    "seagull", "squirrel", "fox", "badger", "otter", "heron", "swan", "duckling", "kitten",
    "puppy", "hamster", "goldfish", "tortoise", "parrot", "budgie", "allergy", "hayfever",
    "migraine", "toothache", "dentist", "optician", "pharmacy", "prescription", "inhaler",
    "physio", "stretching", "yoga", "pilates", "swimming", "cycling", "rowing", "climbing",
    "bowling", "darts", "snooker", "chess", "draughts", "dominoes", "bingo", "quiz", "karaoke",
    "choir", "ukulele", "harmonica", "accordion", "trombone", "saxophone", "cello", "violin",
    "clarinet", "flute", "xylophone", "tambourine", "origami", "calligraphy", "pottery",
    "embroidery", "crochet", "quilting", "woodwork", "upholstery", "taxidermy", "astronomy",
    "telescope", "planetarium", "observatory", "meteorite", "constellation", "lighthouse",
    "shipwreck", "archipelago", "glacier", "volcano", "geyser", "fjord", "tundra", "savannah",
    "marshland", "estuary",
]  # fmt: skip
EVERYDAY_WEIGHTS = [1 / rank for rank in range(1, len(EVERYDAY_WORDS) + 1)]


def _everyday_sentence(rng: random.Random) -> str:
    first, second, third = rng.choices(EVERYDAY_WORDS, weights=EVERYDAY_WEIGHTS, k=3)
    return f"I keep thinking about the {first}, the {second} and the {third}."


def _body(rng: random.Random) -> str:
    middle = " ".join(rng.sample(MIDDLES, rng.randint(1, 4)))
    return f"{rng.choice(OPENINGS)} {middle} {_everyday_sentence(rng)}\n\n{rng.choice(CLOSINGS)}"


@dataclass
class BodyPool:
    """Pre-rendered bodies: Markdown is rendered once per distinct text, as at write time."""

    bodies: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def build(cls, rng: random.Random, size: int = 4000) -> "BodyPool":
        pool = cls()
        for _ in range(size):
            body = _body(rng)
            pool.bodies.append((body, render_markdown(body).html))
        return pool


@dataclass
class ThreadPlan:
    id: int
    forum_id: int
    author_id: int
    title: str
    created_at: datetime
    post_count: int
    first_post_id: int
    post_times: list[datetime] = field(default_factory=list)

    @property
    def last_post_id(self) -> int:
        return self.first_post_id + self.post_count - 1


def post_counts(rng: random.Random, *, threads: int, posts: int, big: int) -> list[int]:
    """Split `posts` over `threads`: the first thread gets `big`, every thread at least one."""
    big = min(big, posts - (threads - 1))
    counts = [big] + [1] * (threads - 1)
    extra = posts - sum(counts)
    if threads > 1 and extra > 0:
        # Skewed like real forums: a few busy threads, many short ones.
        weights = [rng.paretovariate(3.0) for _ in range(threads - 1)]
        for index, n in Counter(rng.choices(range(1, threads), weights=weights, k=extra)).items():
            counts[index] += n
    return counts


def plan_threads(
    rng: random.Random, *, counts, forum_ids, user_ids, first_thread_id, first_post_id
) -> list[ThreadPlan]:
    """Lay out threads with ids, authors, times and the ids of their posts."""
    now = timezone.now()
    plans, next_post_id = [], first_post_id
    for index, count in enumerate(counts):
        created = now - timedelta(days=rng.uniform(1, 365))
        plan = ThreadPlan(
            id=first_thread_id + index,
            forum_id=forum_ids[index % len(forum_ids)],
            author_id=rng.choice(user_ids),
            title=BIG_THREAD_TITLE if index == 0 else rng.choice(TITLES),
            created_at=created,
            post_count=count,
            first_post_id=next_post_id,
        )
        step = (now - created) / (count + 1)
        plan.post_times = [created + step * position for position in range(count)]
        plans.append(plan)
        next_post_id += count
    return plans


def post_rows(rng: random.Random, plans: list[ThreadPlan], pool: BodyPool, user_ids):
    """Yield post rows: (id, thread_id, author_id, position, created_at, body, body_html)."""
    for plan in plans:
        for offset in range(plan.post_count):
            body, html = pool.bodies[rng.randrange(len(pool.bodies))]
            author = plan.author_id if offset == 0 else rng.choice(user_ids)
            yield (
                plan.first_post_id + offset,
                plan.id,
                author,
                offset + 1,
                plan.post_times[offset],
                body,
                html,
            )


def slugify_title(title: str) -> str:
    return slugify(title)[:80].strip("-") or "thread"
