"""Re-render every post's HTML from its Markdown (after the rendering rules change)."""

import time

from django.core.management.base import BaseCommand

from forums import services


class Command(BaseCommand):
    help = "Re-render all posts' HTML from their Markdown, in batches."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, **options):
        started = time.monotonic()
        changed = services.posts_rerender(batch_size=options["batch_size"])
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Re-rendered {changed} posts in {elapsed:.1f}s."))
