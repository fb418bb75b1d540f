"""Progress: counts, accuracy, due items and the day streak, from a real SQLite file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from test_quiz_store import Clock, make_item

from bonemets_cli.quiz.progress import build_progress, day_streak, read_progress
from bonemets_cli.quiz.store import DB_NAME, Store

UTC = dt.timezone.utc
DAY1 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_progress_by_pathway_and_stage(tmp_path: Path) -> None:
    clock = Clock(DAY1)
    a = make_item("a", "limb", "symptoms")
    b = make_item("b", "limb", "symptoms")
    c = make_item("c", "spine", "imaging")
    with Store(tmp_path / DB_NAME, clock=clock) as store:
        store.record(a, "x", True)
        store.record(b, "x", False)
        clock.now = DAY1 + dt.timedelta(days=1)
        store.record(a, "x", True)
        store.record(c, "x", True)
        clock.now = DAY1 + dt.timedelta(days=2)
        store.record(c, "x", False)
    now = DAY1 + dt.timedelta(days=2, minutes=30)
    progress = read_progress(tmp_path, now)
    rows = {(r.pathway, r.stage): r for r in progress.rows}
    assert list(rows) == [("limb", "symptoms"), ("spine", "imaging")]
    limb = rows["limb", "symptoms"]
    assert (limb.seen, limb.answers, limb.correct) == (2, 3, 2)
    assert limb.accuracy == 2 / 3
    assert limb.due == 1  # b (wrong on day 1) is due; a was right the next day and is not
    assert limb.streak_days == 2  # answers yesterday and the day before; none yet today
    spine = rows["spine", "imaging"]
    assert (spine.seen, spine.answers, spine.correct, spine.due) == (1, 2, 1, 1)
    assert spine.streak_days == 2
    total = progress.total
    assert (total.pathway, total.seen, total.answers, total.correct, total.due) == (
        "all",
        3,
        5,
        3,
        2,
    )
    assert total.streak_days == 3
    assert total.last_answered == DAY1 + dt.timedelta(days=2)


def test_no_database_means_empty_progress_and_no_file(tmp_path: Path) -> None:
    progress = read_progress(tmp_path / "none")
    assert progress.rows == ()
    assert progress.total.answers == 0
    assert progress.total.accuracy is None
    assert not (tmp_path / "none").exists()


def test_day_streak_ends_today_or_yesterday() -> None:
    days = [DAY1 + dt.timedelta(days=n) for n in (0, 1, 2, 4, 5)]
    assert day_streak(days, DAY1 + dt.timedelta(days=5, hours=3), UTC) == 2
    assert day_streak(days, DAY1 + dt.timedelta(days=6), UTC) == 2  # yesterday still counts
    assert day_streak(days, DAY1 + dt.timedelta(days=7), UTC) == 0
    assert day_streak(days, DAY1 + dt.timedelta(days=2), UTC) == 3
    assert day_streak([], DAY1, UTC) == 0


def test_streak_days_are_local_days() -> None:
    tz = dt.timezone(dt.timedelta(hours=10))
    late = dt.datetime(2026, 3, 2, 15, 0, tzinfo=UTC)  # 01:00 on 3 March at UTC+10
    early = dt.datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 11:00 on 2 March at UTC+10
    assert day_streak([early, late], late, tz) == 2
    assert day_streak([early, late], late, UTC) == 1


def test_build_progress_with_nothing() -> None:
    assert build_progress([], [], DAY1).total.streak_days == 0
