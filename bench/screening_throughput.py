"""Measure screening throughput (posts/s, one core) and precheck latency (p50/p99).

Posts are generated from templates written for this benchmark, at mixed lengths: most
short or medium, some long, a few at the 20,000-character limit; about one sentence in ten
touches a screened topic. Times are CPU time of this process (time.process_time), so other
load on the machine does not inflate them. Run:
    .venv/bin/python bench/screening_throughput.py [--posts 3000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from moderation.screening import (
    ScreeningContext,
    WatchedRule,
    eating_disorder_rules,
    precheck,
    screen,
)

MAX_CHARS = 20_000
NEUTRAL = (
    "Today was hard but I managed to get out of bed and make some tea.",
    "My therapist suggested writing down three small things that went okay.",
    "Does anyone else find that the evenings are the worst for anxiety?",
    "I tried the breathing exercise from last week's thread and it helped a bit.",
    "Work has been stressful and I keep replaying a conversation with my manager.",
    "Thank you all for the kind replies yesterday, it meant a lot.",
    "I have an appointment on Thursday and I'm nervous about what to say.",
    "Sleep has been all over the place since the medication change.",
    "I feel like nobody at home really gets it, but this group does.",
    "I walked for twenty minutes by the river and listened to a podcast.",
    "My mum keeps asking how I am and I never know what to answer.",
    "We adopted a cat last spring and she sits on my chest when I panic.",
    "The waiting list for the clinic is eleven weeks, which feels endless.",
    "I cooked a proper dinner for the first time in a month.",
    "Some people at work are kind, others just don't notice anything.",
    "I keep a journal now and reading old entries shows me some progress.",
    "My brother visited at the weekend and we watched old films.",
    "The group session on Tuesday was about setting boundaries with family.",
    "It rained all day so I stayed in and tidied the kitchen slowly.",
    "I'm trying to get back into reading, one chapter a night.",
)
SENSITIVE = (
    "This fucking week has been a lot, honestly.",
    "Some days I can't do this anymore, other days I feel almost normal.",
    "My friend said she wants to die and I don't know how to help her.",
    "I'm not suicidal, just exhausted and a bit low.",
    "If you ever feel like ending it, please call a helpline or message someone here.",
    "You can email me at sam.example@example.org if you want to talk privately.",
    "Check out my channel for free money tips, link in bio!",
    "I used to want to die when I was a teenager, but now things are better.",
    "I'm down to 89 lbs and eating 1200 calories a day.",
    "Honestly I just want to disappear and never wake up.",
)
SENSITIVE_SHARE = 0.1  # about one sentence in ten touches a screened topic


def sentence(rng: random.Random, sensitive_share: float = SENSITIVE_SHARE) -> str:
    """Return one template sentence."""
    return rng.choice(SENSITIVE if rng.random() < sensitive_share else NEUTRAL)


def make_post(rng: random.Random) -> str:
    """Return a post of a typical, long or maximal length."""
    roll = rng.random()
    if roll < 0.55:
        n = rng.randint(1, 4)
    elif roll < 0.9:
        n = rng.randint(5, 20)
    elif roll < 0.97:
        n = rng.randint(40, 120)
    else:
        n = 10_000
    text = " ".join(sentence(rng) for _ in range(n))
    return text[:MAX_CHARS]


def main() -> None:
    """Print throughput and latency figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    posts = [make_post(rng) for _ in range(args.posts)]
    long_posts = [p for p in posts if len(p) >= MAX_CHARS - 100] or [make_post_max(rng)]
    rules = (
        WatchedRule(id="w-word", pattern="idiot", kind="word", action="flag"),
        WatchedRule(id="w-phrase", pattern="sell my meds", kind="phrase", action="hold"),
        WatchedRule(id="w-regex", pattern=r"\bpromo\s?code\b", kind="regex", action="hold"),
        *eating_disorder_rules(("ed-recovery",)),
    )
    ctx = ScreeningContext(author_trust="member", forum_slug="ed-recovery")
    screen("warm up", ctx, rules)  # loads the lexicons and the risk model

    start = time.process_time()
    for p in posts:
        screen(p, ctx, rules)
    elapsed = time.process_time() - start
    avg_len = statistics.mean(len(p) for p in posts)
    print(
        f"posts: {len(posts)}  mean length: {avg_len:,.0f} chars  at 20k chars: {len(long_posts)}"
    )
    print(
        f"screen(): {len(posts) / elapsed:,.0f} posts/s on one core "
        f"({1000 * elapsed / len(posts):.2f} ms/post)"
    )

    lat = []
    for p in posts:
        t = time.process_time()
        precheck(p, ctx, rules)
        lat.append(1000 * (time.process_time() - t))
    lat.sort()
    print(
        f"precheck(): p50 {lat[len(lat) // 2]:.2f} ms  p99 {lat[int(len(lat) * 0.99)]:.2f} ms  "
        f"max {lat[-1]:.2f} ms"
    )
    big = []
    for p in long_posts[:20]:
        t = time.process_time()
        precheck(p, ctx, rules)
        big.append(1000 * (time.process_time() - t))
    big.sort()
    print(f"precheck() on 20,000-char posts: p50 {big[len(big) // 2]:.2f} ms  max {big[-1]:.2f} ms")
    worst = []
    for _ in range(10):
        p = make_post_max(rng, sensitive_share=1.0)
        t = time.process_time()
        precheck(p, ctx, rules)
        worst.append(1000 * (time.process_time() - t))
    worst.sort()
    print(
        f"precheck() on 20,000-char posts made only of screened-topic sentences "
        f"(adversarial): p50 {worst[len(worst) // 2]:.2f} ms  max {worst[-1]:.2f} ms"
    )


def make_post_max(rng: random.Random, sensitive_share: float = SENSITIVE_SHARE) -> str:
    """Return a post at the 20,000-character limit."""
    return " ".join(sentence(rng, sensitive_share) for _ in range(400))[:MAX_CHARS]


if __name__ == "__main__":
    main()
