"""Measure the screeners on a labelled file: per-label precision, recall, F1, flag rate."""

from django.core.management.base import BaseCommand, CommandError

from moderation.screening.evaluate import FORMATS, evaluate, format_report, iter_rows

THRESHOLDS = (
    ("recall", "min_recall", False),
    ("precision", "min_precision", False),
    ("f1", "min_f1", False),
    ("flag_rate", "max_flag_rate", True),
)


class Command(BaseCommand):
    help = (
        "Evaluate the screeners on FILE (CSV `text,label` by default; see --format) and print "
        "precision, recall, F1, flag rate, confusion counts and throughput. With thresholds, "
        "exit non-zero when one is missed."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="labelled file (a folder for youtube-spam)")
        parser.add_argument("--format", choices=FORMATS, default="plain")
        parser.add_argument(
            "--screener",
            default="crisis",
            choices=("crisis", "abuse", "spam", "pii"),
            help="screener for the plain text,label format",
        )
        parser.add_argument("--only", help="keep reports whose title starts with this")
        parser.add_argument("--row", help="apply thresholds to rows whose name contains this")
        parser.add_argument("--min-recall", type=float)
        parser.add_argument("--min-precision", type=float)
        parser.add_argument("--min-f1", type=float)
        parser.add_argument("--max-flag-rate", type=float, help="a fraction, e.g. 0.03")

    def handle(self, *args, **options):
        try:
            reports = evaluate(options["path"], options["format"], screener=options["screener"])
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"Cannot evaluate {options['path']}: {exc}") from exc
        if options["only"]:
            reports = [r for r in reports if r.title.startswith(options["only"])]
        for report in reports:
            self.stdout.write(format_report(report) + "\n")
        missed = self._check(reports, options)
        if missed:
            raise CommandError(f"{missed} target(s) missed.")

    def _rows(self, reports, options):
        if options["row"]:
            return [(rep, row) for rep, row in iter_rows(reports) if options["row"] in row.name]
        if options["format"] == "presidio":
            return list(iter_rows(reports))
        return [(rep, rep.rows[0]) for rep in reports if rep.rows]

    def _check(self, reports, options) -> int:
        missed = 0
        for report, row in self._rows(reports, options):
            for metric, option, is_max in THRESHOLDS:
                limit = options[option]
                if limit is None:
                    continue
                value = getattr(row.counts, metric)
                ok = value <= limit if is_max else value >= limit
                sign = "<=" if is_max else ">="
                self.stdout.write(
                    f"{'ok  ' if ok else 'MISS'} {report.title} / {row.name}: "
                    f"{metric} {value:.3f} (target {sign} {limit})"
                )
                missed += not ok
        return missed
