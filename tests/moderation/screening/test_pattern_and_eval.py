"""The person-level pattern (pure) and the C-SSRS, OLID and SMS loaders, on text written here."""

from datetime import UTC, datetime, timedelta

from moderation.screening import find_pattern
from moderation.screening.evaluate import evaluate
from moderation.screening.evaluate_tiers import simulated_pattern, split_posts

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


def ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def test_two_ideation_posts_in_the_window_are_a_pattern():
    found = find_pattern([(ago(5), "ideation"), (ago(1), "behaviour")], now=NOW)
    assert found is not None and found.kind == "repeated_ideation"
    assert found.posts == (0, 1)


def test_one_ideation_post_alone_is_not_a_pattern():
    assert find_pattern([(ago(1), "ideation"), (ago(2), "none")], now=NOW) is None


def test_distress_rising_to_ideation_is_a_pattern_but_falling_is_not():
    rising = [(ago(9), "distress"), (ago(6), "distress"), (ago(1), "ideation")]
    falling = [(ago(9), "ideation"), (ago(6), "distress"), (ago(1), "distress")]
    assert find_pattern(rising, now=NOW).kind == "rising"
    assert find_pattern(falling, now=NOW) is None


def test_posts_outside_the_window_are_ignored():
    history = [(ago(20), "ideation"), (ago(1), "ideation")]
    assert find_pattern(history, now=NOW) is None
    assert find_pattern(history, now=NOW, window=timedelta(days=30)) is not None


def test_the_simulated_window_holds_fifteen_posts_one_a_day():
    assert simulated_pattern(["ideation"] + ["none"] * 13 + ["ideation"])
    assert not simulated_pattern(["ideation"] + ["none"] * 14 + ["ideation"])
    assert simulated_pattern(["none", "ideation", "none", "ideation"])


def test_a_complete_cell_splits_with_literal_eval():
    posts, truncated = split_posts(str(["first post, with a comma", 'it\'s "quoted"']))
    assert posts == ["first post, with a comma", 'it\'s "quoted"']
    assert not truncated


def test_a_truncated_cell_keeps_the_complete_posts_and_drops_the_cut_one():
    cell = str(["one whole post", "another, complete"])[:-1] + ", 'and one cut mid-sent"
    posts, truncated = split_posts(cell)
    assert truncated
    assert posts == ["one whole post", "another, complete"]


def test_cssrs_report_has_rows_per_user_per_post_and_per_tier(tmp_path):
    path = tmp_path / "users.csv"
    path.write_text(
        "User,Post,Label\n"
        f'u1,"{["I want to die.", "Lovely weather."]}",Ideation\n'
        f'u2,"{["You are not alone, please reach out to a helpline."]}",Supportive\n',
        encoding="utf-8",
    )
    (report,) = evaluate(path, "cssrs")
    user_row = report.row("users ideation+: I+B+A vs Supportive")
    assert (user_row.counts.tp, user_row.counts.fp) == (1, 0)
    assert report.row("posts ideation+, label=Ideation").counts.tp == 1
    assert report.row("posts ideation+, label=Supportive").counts.tp == 0


def test_olid_counts_targeted_insults_against_everything_else(tmp_path):
    path = tmp_path / "tweets.tsv"
    path.write_text(
        "id\ttweet\tsubtask_a\tsubtask_b\tsubtask_c\n"
        "1\t@USER you are a pathetic liar\tOFF\tTIN\tIND\n"
        "2\tthis damn printer again\tOFF\tUNT\tNULL\n"
        "3\t@USER lovely photo\tNOT\tNULL\tNULL\n",
        encoding="utf-8",
    )
    (report,) = evaluate(path, "olid")
    counts = report.row("TIN vs everything else").counts
    assert (counts.tp, counts.fp, counts.fn, counts.tn) == (1, 0, 0, 2)


def test_sms_reads_label_tab_text_lines(tmp_path):
    path = tmp_path / "sms.tsv"
    path.write_text(
        "spam\tYou have won a 500 pound prize! To claim call 09012345678 now.\n"
        "ham\tRunning late, save me a seat\n",
        encoding="utf-8",
    )
    (report,) = evaluate(path, "sms")
    counts = report.rows[0].counts
    assert (counts.tp, counts.fp, counts.tn) == (1, 0, 1)
