"""``progress --format cpd-csv|cpd-md``: an item-level CPD log from a real quiz database."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
from pathlib import Path

from clihelp import run_bonemets
from quizhelp import QUIZ_DIR
from test_quiz_progress_mastery import BANK_FACT, LIMB, SPINE_IMG
from test_quiz_store import Clock

from bonemets_cli.load.catalog import load_catalog, search_dirs
from bonemets_cli.quiz.items import Choice, ItemType, QuizItem
from bonemets_cli.quiz.store import DB_NAME, Store
from bonemets_cli.ui.cpd_views import REFLECTION

UTC = dt.timezone.utc
DAY1 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
QUIZLIMB = QuizItem(
    id="next-step:quizlimb:start=yes",
    type=ItemType.NEXT_STEP,
    pathway="quizlimb",
    stage="imaging",
    question="A man with known kidney cancer.\nWhat is the next step?",
    choices=(Choice("X-ray", True), Choice("Wait")),
    explanation="because",
)


def log_history(folder: Path) -> None:
    clock = Clock(DAY1)
    with Store(folder / DB_NAME, clock=clock) as store:
        store.record(QUIZLIMB, "Wait", False, seconds=20.4)
        store.record(LIMB, "right", True, seconds=45)
        clock.now = DAY1 + dt.timedelta(days=3)
        store.record(QUIZLIMB, "X-ray", True, seconds=15)
        store.record(BANK_FACT, "wrong", False, seconds=3600 + 62)
        store.record(SPINE_IMG, "right", True)  # not timed (as a scripted answer is)


def cpd(folder: Path, fmt: str, *extra: str) -> str:
    proc = run_bonemets(
        "--pathways-dir", QUIZ_DIR, "progress", "--format", fmt, "--data-dir", folder, *extra
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def title(pathway: str) -> str:
    return load_catalog(search_dirs([QUIZ_DIR])).pathways[pathway].pathway.title


def test_the_csv_log_has_one_row_per_answer_and_the_total(tmp_path: Path) -> None:
    log_history(tmp_path)
    rows = list(csv.DictReader(io.StringIO(cpd(tmp_path, "cpd-csv"))))
    assert [r["result"] for r in rows[:-1]] == ["wrong", "right", "right", "wrong", "right"]
    first = rows[0]
    local = DAY1.astimezone()
    assert (first["date"], first["time"]) == (f"{local:%Y-%m-%d}", f"{local:%H:%M}")
    assert first["topic"] == f"{title('quizlimb')}: imaging"
    assert first["question_type"] == "next step"
    assert first["question"] == "A man with known kidney cancer. What is the next step?"
    assert (first["time_spent"], first["seconds"]) == ("0:20", "20")
    assert rows[3]["topic"] == "(fact bank): symptoms"
    assert rows[3]["question_type"] == "fact"
    assert rows[3]["time_spent"] == "1:01:02"
    assert rows[1]["topic"] == f"{title('limb')}: assessment"
    assert (rows[4]["time_spent"], rows[4]["seconds"]) == ("not timed", "")
    total = rows[-1]
    assert total["date"] == "TOTAL"
    assert total["result"] == "3/5 right"
    seconds = 20.4 + 45 + 15 + 3662
    assert total["time_spent"] == f"{seconds / 3600:.2f} h" == "1.04 h"
    assert total["seconds"] == str(round(seconds))
    assert "1 not timed" in total["question"]


def test_the_markdown_log_has_totals_items_to_revisit_and_reflection(tmp_path: Path) -> None:
    log_history(tmp_path)
    text = cpd(tmp_path, "cpd-md")
    assert text.startswith("# CPD log: bonemets quiz\n")
    assert "- Time spent: 1.04 hours (1:02:22)" in text
    assert "; not timed: 1 answer (no time counted)" in text
    items = text[text.index("## Items") : text.index("## To revisit")]
    assert items.count("\n| 2026-") == 5
    assert (
        "| next step | A man with known kidney cancer. What is the next step? | wrong | 0:20 |"
        in items
    )
    assert "| **Total** | | | 5 answers | 3 right | **1.04 h** |" in items
    revisit = text[text.index("## To revisit") : text.index("## Reflection")]
    # QUIZLIMB was wrong, then right: only the bank fact's latest answer is wrong
    assert "Question bank:fact?" in revisit
    assert "kidney cancer" not in revisit
    reflection = text[text.index("## Reflection") :]
    for prompt in REFLECTION:
        assert f"**{prompt}**" in reflection


def test_since_keeps_the_answers_from_that_date(tmp_path: Path) -> None:
    log_history(tmp_path)
    since = (DAY1 + dt.timedelta(days=2)).astimezone().date().isoformat()
    rows = list(csv.DictReader(io.StringIO(cpd(tmp_path, "cpd-csv", "--since", since))))
    assert len(rows) == 4  # three answers and the total
    assert rows[-1]["result"] == "2/3 right"
    bad = run_bonemets("progress", "--since", since, "--data-dir", tmp_path)
    assert bad.returncode == 2
    assert "--since is for the CPD log" in bad.stderr


def test_o_writes_the_log_to_a_file(tmp_path: Path) -> None:
    log_history(tmp_path / "data")
    out = tmp_path / "cpd.md"
    proc = run_bonemets(
        "--pathways-dir",
        QUIZ_DIR,
        "progress",
        "-f",
        "cpd-md",
        "-o",
        out,
        "--data-dir",
        tmp_path / "data",
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    written = out.read_text()
    generated = [line for line in written.splitlines() if line.startswith("- Generated:")]
    expected = cpd(tmp_path / "data", "cpd-md")
    assert [x for x in written.splitlines() if x not in generated] == [
        x for x in expected.splitlines() if not x.startswith("- Generated:")
    ]
    folder = run_bonemets(
        "progress", "-f", "cpd-csv", "-o", tmp_path, "--data-dir", tmp_path / "data"
    )
    assert folder.returncode == 1
    assert "it is a folder" in folder.stderr


def test_no_answers_is_an_empty_log(tmp_path: Path) -> None:
    assert cpd(tmp_path, "cpd-csv").splitlines() == [
        "date,time,topic,question_type,question,result,time_spent,seconds,pathway,stage,item_id"
    ]
    assert "No answers yet" in cpd(tmp_path, "cpd-md")
    assert not (tmp_path / DB_NAME).exists()


def test_control_characters_from_the_database_never_reach_the_log(tmp_path: Path) -> None:
    log_history(tmp_path)
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("UPDATE reviews SET question = ? WHERE id = 1", ("Red \x1b[31mALERT\x07",))
    conn.commit()
    conn.close()
    for fmt in ("cpd-csv", "cpd-md"):
        text = cpd(tmp_path, fmt)
        assert "\x1b" not in text
        assert "\x07" not in text
        assert "\\x1b" in text
