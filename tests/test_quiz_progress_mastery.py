"""Progress you can see: mastery by pathway, topic and question type, what is due today and
later, when the next reviews are, the streak; the fact bank is never shown as a pathway.

Every case writes a real SQLite file through the store with a fixed clock, then reads it
back through ``read_progress`` or the real command line.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from clihelp import run_bonemets
from test_quiz_store import Clock

from bonemets_cli.quiz.items import Choice, ItemType, QuizItem
from bonemets_cli.quiz.progress import FACT_BANK, build_progress, read_progress
from bonemets_cli.quiz.store import DB_NAME, Store

UTC = dt.timezone.utc


def item(item_id: str, type: ItemType, pathway: str, stage: str) -> QuizItem:
    return QuizItem(
        id=item_id,
        type=type,
        pathway=pathway,
        stage=stage,
        question=f"Question {item_id}?",
        choices=(Choice("right", True), Choice("wrong")),
        explanation="because",
    )


SPINE_IMG = item("s1", ItemType.NEXT_STEP, "spine", "imaging")
SPINE_SYM = item("s2", ItemType.URGENCY, "spine", "symptoms")
LIMB = item("l1", ItemType.SCORE, "limb", "assessment")
BANK_FACT = item("bank:fact", ItemType.BANK, "bank", "symptoms")  # a bank item naming no pathway
BANK_IMAGING = item("bank:img", ItemType.BANK, "imaging", "imaging")  # one naming its pathway


def history(folder: Path, start: dt.datetime) -> Clock:
    """Three days of answers, the last at ``start`` + 2 days."""
    clock = Clock(start)
    with Store(folder / DB_NAME, clock=clock) as store:
        store.record(SPINE_IMG, "wrong", False)
        store.record(LIMB, "right", True)
        clock.now = start + dt.timedelta(days=1)
        store.record(SPINE_IMG, "right", True)  # latest right: mastered
        store.record(LIMB, "right", True)  # right twice: graduates, due in days
        store.record(BANK_FACT, "wrong", False)
        clock.now = start + dt.timedelta(days=2)
        store.record(SPINE_SYM, "wrong", False, seconds=20)  # due again in 1 minute
        store.record(BANK_IMAGING, "right", True, seconds=40)  # due again in 10 minutes
    return clock


def test_mastery_by_pathway_topic_and_type(tmp_path: Path) -> None:
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    history(tmp_path, start)
    now = start + dt.timedelta(days=2, minutes=5)
    progress = read_progress(tmp_path, now)
    pathways = {m.group: m for m in progress.by_pathway}
    assert list(pathways) == sorted(pathways)
    assert set(pathways) == {FACT_BANK, "imaging", "limb", "spine"}
    assert "bank" not in {r.pathway for r in progress.rows}
    spine = pathways["spine"]
    assert (spine.seen, spine.answers, spine.correct, spine.mastered) == (2, 3, 1, 1)
    assert pathways["limb"].answers == 2
    assert spine.mastery == 0.5
    assert pathways[FACT_BANK].seen == 1
    assert pathways["imaging"].mastery == 1.0  # a bank item naming its pathway counts there
    topics = {m.group: (m.seen, m.mastered) for m in progress.by_topic}
    assert topics == {"assessment": (1, 1), "imaging": (2, 2), "symptoms": (2, 0)}
    types = {m.group: (m.seen, m.mastered) for m in progress.by_type}
    assert types == {"bank": (2, 1), "next-step": (1, 1), "score": (1, 1), "urgency": (1, 0)}
    overall = progress.overall
    assert overall is not None
    assert (overall.seen, overall.answers, overall.mastered) == (5, 7, 3)
    # SPINE_SYM (1-minute step), SPINE_IMG and BANK_FACT (10-minute steps, a day ago) are due
    assert overall.due_now == 3
    assert overall.next_due is not None
    assert overall.next_due <= now


def test_due_now_later_today_and_after_today(tmp_path: Path) -> None:
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    history(tmp_path, start)
    now = start + dt.timedelta(days=2, minutes=5)
    with Store(tmp_path / DB_NAME) as store:
        due = {s.item_id: s.due for s in store.items()}
    end_of_day = dt.datetime(2026, 3, 5, tzinfo=UTC)
    expect_now = sum(d <= now for d in due.values())
    expect_today = sum(now < d < end_of_day for d in due.values())
    expect_later = sum(d >= end_of_day for d in due.values())
    assert min(expect_now, expect_today, expect_later) > 0  # the history covers all three
    with Store(tmp_path / DB_NAME) as store:
        progress = build_progress(store.items(), store.reviews(), now, UTC)
    overall = progress.overall
    assert overall is not None
    assert (overall.due_now, overall.due_today, overall.due_later) == (
        expect_now,
        expect_today,
        expect_later,
    )
    assert [u.due for u in progress.upcoming] == sorted(due.values())[:5]
    assert progress.upcoming[0].question is not None


def test_the_progress_command_shows_every_view(tmp_path: Path) -> None:
    now = dt.datetime.now(UTC)
    history(tmp_path, now - dt.timedelta(days=2))
    proc = run_bonemets("progress", "--data-dir", tmp_path, width=100)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Streak: 3 days in a row" in out
    assert "Due now: " in out
    assert "later today: " in out
    assert "after today: " in out
    sections = ["By pathway", "By topic (stage)", "By question type", "Coming back soonest"]
    positions = [out.index(s) for s in sections]
    assert positions == sorted(positions)
    by_pathway = out[positions[0] : positions[1]]
    assert FACT_BANK in by_pathway
    assert "│ bank " not in by_pathway  # "bank" is a question type, not a pathway
    assert "│ bank " in out[positions[2] : positions[3]]
    assert "Question s2?" in out[positions[3] :]  # the soonest review, as it was asked
    assert "again in " in out or "due now" in out
    data = json.loads(run_bonemets("progress", "--format", "json", "--data-dir", tmp_path).stdout)
    assert [m["group"] for m in data["by_pathway"]] == [FACT_BANK, "imaging", "limb", "spine"]
    assert {m["group"] for m in data["by_type"]} == {"bank", "next-step", "score", "urgency"}
    assert data["overall"]["mastered"] == 3
    assert (
        data["overall"]["due_now"]
        + data["overall"]["due_later_today"]
        + data["overall"]["due_after_today"]
        == 5
    )
    assert len(data["upcoming"]) == 5
    csv_rows = run_bonemets("progress", "--format", "csv", "--data-dir", tmp_path).stdout
    assert f"\n{FACT_BANK},symptoms," in csv_rows
    assert "\nbank," not in csv_rows


def test_no_answers_yet_says_how_to_start(tmp_path: Path) -> None:
    proc = run_bonemets("progress", "--data-dir", tmp_path)
    assert proc.returncode == 0
    assert "no answers yet: start with 'bonemets quiz'" in proc.stdout
