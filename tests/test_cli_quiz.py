"""The quiz and progress commands, run as a user runs them: subprocesses and a real terminal."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
from pathlib import Path

import pexpect
import pytest
from clihelp import run_bonemets
from quizhelp import BONEMETS, DATA, QUIZ_DIR

from bonemets_cli.load.catalog import load_banks, load_catalog, search_dirs
from bonemets_cli.quiz.generate import build_pool, select
from bonemets_cli.quiz.items import QuizItem, letter
from bonemets_cli.quiz.store import DB_NAME, Store
from bonemets_cli.validate import RULES

BASE = [BONEMETS, "--pathways-dir", str(QUIZ_DIR), "quiz", "--pathway", "quizlimb"]


def environment() -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith("BONEMETS_")}
    out.update(NO_COLOR="1", COLUMNS="100", TERM="xterm")
    return out


def run(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``bonemets ARGS`` through the real CLI in this process; a probe (``python -c``) in a
    subprocess of its own."""
    if args[0] == BONEMETS:
        return run_bonemets(*args[1:], env=env or environment())
    return subprocess.run(
        args, capture_output=True, check=False, text=True, env=env or environment(), timeout=60
    )


def expected_items(seed: int, count: int) -> list[QuizItem]:
    """The same quiz the command builds, made in-process to know the right answers."""
    catalog = load_catalog(search_dirs([QUIZ_DIR]))
    pool = build_pool(catalog, load_banks(catalog.folders), pathway="quizlimb")
    return select(pool, seed, count)


def reviews(data_dir: Path) -> list[tuple[str, int]]:
    conn = sqlite3.connect(data_dir / DB_NAME)
    rows = conn.execute("SELECT item_id, correct FROM reviews ORDER BY id").fetchall()
    conn.close()
    return [(r[0], r[1]) for r in rows]


def answers_file(tmp_path: Path, mapping: dict[object, str]) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"answers": {str(k): v for k, v in mapping.items()}}))
    return path


def test_quiz_and_progress_help_name_their_options() -> None:
    """(What ``--help`` imports is budgeted in ``test_import_budget.py``.)"""
    assert "--due" in run([BONEMETS, "quiz", "--help"]).stdout
    assert "--format" in run([BONEMETS, "progress", "--help"]).stdout


def test_scripted_quiz_prints_a_marked_sheet_and_saves_every_answer(tmp_path: Path) -> None:
    items = expected_items(seed=4, count=5)
    right = {1: letter(items[0].correct_index), items[1].id: items[1].correct_text}
    wrong_letter = letter((items[2].correct_index + 1) % len(items[2].choices))
    path = answers_file(tmp_path, {**right, 3: wrong_letter})
    args = [*BASE, "--seed", "4", "--count", "5", "--answers", str(path), "--format", "json"]
    proc = run([*args, "--data-dir", str(tmp_path / "data")])
    assert proc.returncode == 0, proc.stderr
    sheet = json.loads(proc.stdout)
    assert sheet["seed"] == 4
    assert sheet["score"] == {"correct": 2, "answered": 3, "total": 5}
    assert [i["id"] for i in sheet["items"]] == [i.id for i in items]
    first = sheet["items"][0]
    assert first["is_correct"] is True
    assert first["chosen"] == first["correct"]
    assert sheet["items"][2]["is_correct"] is False
    assert sheet["items"][3]["chosen"] is None
    assert sheet["items"][3]["is_correct"] is None
    assert all(i["explanation"] and i["source"] for i in sheet["items"])
    assert reviews(tmp_path / "data") == [(items[0].id, 1), (items[1].id, 1), (items[2].id, 0)]
    # same seed, same quiz: a second run over a fresh folder prints the same items
    again = json.loads(run([*args, "--data-dir", str(tmp_path / "other")]).stdout)
    assert [i["question"] for i in again["items"]] == [i["question"] for i in sheet["items"]]


def test_scripted_text_output_says_right_wrong_and_source(tmp_path: Path) -> None:
    items = expected_items(seed=9, count=2)
    wrong = letter((items[1].correct_index + 1) % len(items[1].choices))
    path = answers_file(tmp_path, {1: letter(items[0].correct_index), 2: wrong})
    proc = run(
        [*BASE, "--seed", "9", "--count", "2", "--answers", str(path), "--data-dir", str(tmp_path)]
    )
    assert proc.returncode == 0, proc.stderr
    assert "RIGHT" in proc.stdout
    assert "WRONG" in proc.stdout
    assert f"the answer is {letter(items[1].correct_index)}." in proc.stdout
    assert "Source: fixture-" in proc.stdout
    assert "Score: 1/2 right; seed 9" in proc.stdout


def test_no_terminal_and_no_answers_is_one_line_and_exit_1(tmp_path: Path) -> None:
    proc = run([*BASE, "--data-dir", str(tmp_path)])
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1
    assert proc.stderr.startswith("bonemets: error: no terminal to ask in")
    assert not (tmp_path / DB_NAME).exists()


def test_an_unknown_pathway_is_named_before_the_missing_terminal(tmp_path: Path) -> None:
    proc = run([BONEMETS, "--pathways-dir", str(QUIZ_DIR), "quiz", "--pathway", "nope"])
    assert proc.returncode == 1
    assert proc.stderr.startswith("bonemets: error: no pathway 'nope' (known: ")
    assert proc.stderr.count("\n") == 1


def test_bad_answers_are_usage_errors_before_anything_is_saved(tmp_path: Path) -> None:
    path = answers_file(tmp_path, {1: "A", 2: "Z"})
    proc = run(
        [*BASE, "--seed", "1", "--count", "3", "--answers", str(path), "--data-dir", str(tmp_path)]
    )
    assert proc.returncode == 2
    assert "item 2" in proc.stderr
    assert "'Z' is not one of the options" in proc.stderr
    assert reviews(tmp_path) == []


def test_unknown_type_is_a_usage_error(tmp_path: Path) -> None:
    proc = run([*BASE, "--type", "urgency,trivia", "--data-dir", str(tmp_path)])
    assert proc.returncode == 2
    assert "unknown --type 'trivia'" in proc.stderr


@pytest.mark.parametrize("kind", ["corrupt", "newer"])
def test_damaged_or_newer_database_stops_the_quiz_and_is_kept(tmp_path: Path, kind: str) -> None:
    db = tmp_path / DB_NAME
    if kind == "corrupt":
        db.write_bytes(b"\x00garbage" * 512)
    else:
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA user_version = 42")
        conn.close()
    before = db.read_bytes()
    path = answers_file(tmp_path, {1: "A"})
    proc = run(
        [*BASE, "--seed", "1", "--count", "2", "--answers", str(path), "--data-dir", str(tmp_path)]
    )
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1
    assert ("newer bonemets" if kind == "newer" else "damaged") in proc.stderr
    assert db.read_bytes() == before
    progress = run([BONEMETS, "progress", "--data-dir", str(tmp_path)])
    assert progress.returncode == 1
    assert db.read_bytes() == before


def test_due_items_are_asked_first_then_new_ones(tmp_path: Path) -> None:
    items = expected_items(seed=2, count=4)
    an_hour_ago = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)
    with Store(tmp_path / DB_NAME, clock=lambda: an_hour_ago) as store:
        store.record(items[3], "x", False)  # wrong an hour ago: due now
        store.record(items[0], "x", True)  # right an hour ago: due (10-minute learning step)
    path = answers_file(tmp_path, {})
    proc = run(
        [
            *BASE,
            "--due",
            "--seed",
            "2",
            "--count",
            "4",
            "--answers",
            str(path),
            "--format",
            "json",
            "--data-dir",
            str(tmp_path),
        ]
    )
    assert proc.returncode == 0, proc.stderr
    asked = [i["id"] for i in json.loads(proc.stdout)["items"]]
    assert set(asked[:2]) == {items[3].id, items[0].id}
    assert not {items[3].id, items[0].id} & set(asked[2:])


def test_progress_formats_after_a_quiz(tmp_path: Path) -> None:
    items = expected_items(seed=6, count=3)
    wrong = letter((items[2].correct_index + 1) % len(items[2].choices))
    path = answers_file(
        tmp_path, {1: letter(items[0].correct_index), 2: letter(items[1].correct_index), 3: wrong}
    )
    assert (
        run(
            [
                *BASE,
                "--seed",
                "6",
                "--count",
                "3",
                "--answers",
                str(path),
                "--data-dir",
                str(tmp_path),
            ]
        ).returncode
        == 0
    )
    data = json.loads(
        run([BONEMETS, "progress", "--format", "json", "--data-dir", str(tmp_path)]).stdout
    )
    assert data["total"]["answers"] == 3
    assert data["total"]["correct"] == 2
    assert data["total"]["streak_days"] == 1
    assert {r["pathway"] for r in data["rows"]} == {"quizlimb"}
    assert sum(r["seen"] for r in data["rows"]) == 3
    csv_out = run([BONEMETS, "progress", "--format", "csv", "--data-dir", str(tmp_path)]).stdout
    lines = csv_out.strip().splitlines()
    assert lines[0] == "pathway,stage,seen,answers,correct,accuracy,due,streak_days,last_answered"
    assert lines[-1].startswith("all,all,3,3,2,0.6667,")
    table = run([BONEMETS, "progress", "--data-dir", str(tmp_path)]).stdout
    assert "quizlimb" in table
    assert "67%" in table


def test_progress_with_env_data_dir_and_no_database(tmp_path: Path) -> None:
    proc = run(
        [BONEMETS, "progress", "--format", "json"],
        env={**environment(), "BONEMETS_DATA_DIR": str(tmp_path / "fresh")},
    )
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["rows"] == []
    assert not (tmp_path / "fresh").exists()


def test_validate_checks_quiz_banks_with_locations() -> None:
    bad = DATA / "quiz_bad" / "quiz" / "broken.yaml"
    proc = run([BONEMETS, "validate", str(bad)])
    assert proc.returncode == 1
    assert f"{bad}:6:7: [error] quiz item 'two-right' has 2 correct options" in proc.stdout
    assert f"{bad}:11:30: [error] source 'no-such-key' is in no bibliography" in proc.stdout
    assert "(quiz-options)" in proc.stdout
    assert {"quiz-answer", "quiz-options"} <= set(RULES)
    schema = run([BONEMETS, "validate", str(DATA / "quiz_bad")]).stdout
    assert "schema.yaml:10:5: [error] unknown key 'colour'" in schema
    assert "missing required key 'explanation'" in schema
    assert run([BONEMETS, "validate", str(QUIZ_DIR)]).returncode == 0


# a real terminal --------------------------------------------------------------------------


def spawn(tmp_path: Path, *extra: str) -> pexpect.spawn[str]:
    return pexpect.spawn(
        BASE[0],
        [*BASE[1:], "--data-dir", str(tmp_path), *extra],
        env=environment(),
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 120),
    )


def answer(child: pexpect.spawn[str], number: int, choice: str) -> None:
    child.expect(f"Your answer to question {number}:")
    child.send(choice.lower())
    child.send("\r")


@pytest.mark.slow
def test_a_real_round_in_a_terminal(tmp_path: Path) -> None:
    items = expected_items(seed=3, count=3)
    child = spawn(tmp_path, "--seed", "3", "--count", "3")
    child.expect("Question 1 of 3")
    answer(child, 1, letter(items[0].correct_index))
    child.expect("RIGHT")
    wrong = letter((items[1].correct_index + 1) % len(items[1].choices))
    answer(child, 2, wrong)
    child.expect("WRONG")
    child.expect(f"the answer is {letter(items[1].correct_index)}")
    child.expect("Source: ")
    answer(child, 3, letter(items[2].correct_index))
    child.expect(r"Score: 2/3 right; seed 3")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert reviews(tmp_path) == [(items[0].id, 1), (items[1].id, 0), (items[2].id, 1)]


@pytest.mark.slow
@pytest.mark.parametrize("stop", ["q", "ctrl-d"])
def test_q_or_ctrl_d_stops_cleanly_and_keeps_answers(tmp_path: Path, stop: str) -> None:
    items = expected_items(seed=8, count=5)
    child = spawn(tmp_path, "--seed", "8", "--count", "5")
    answer(child, 1, letter(items[0].correct_index))
    if stop == "q":
        answer(child, 2, "q")
    else:
        child.expect("Your answer to question 2:")
        child.sendeof()
    child.expect(r"Stopped: 1 answer\(s\) saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert reviews(tmp_path) == [(items[0].id, 1)]


@pytest.mark.slow
def test_ctrl_c_exits_130_with_one_line_and_keeps_answers(tmp_path: Path) -> None:
    items = expected_items(seed=8, count=5)
    child = spawn(tmp_path, "--seed", "8", "--count", "5")
    answer(child, 1, letter(items[0].correct_index))
    answer(child, 2, letter(items[1].correct_index))
    child.expect("Your answer to question 3:")
    child.sendintr()
    child.expect(r"bonemets: interrupted: 2 answer\(s\) saved in ")
    child.expect(pexpect.EOF)
    assert "Traceback" not in (child.before or "")
    child.close()
    assert child.exitstatus == 130
    assert [r[0] for r in reviews(tmp_path)] == [items[0].id, items[1].id]


@pytest.mark.slow
def test_sigkill_mid_quiz_loses_no_committed_answer(tmp_path: Path) -> None:
    items = expected_items(seed=12, count=6)
    child = spawn(tmp_path, "--seed", "12", "--count", "6")
    for n in range(3):
        answer(child, n + 1, letter(n % len(items[n].choices)))
    child.expect("Your answer to question 4:")  # waiting on its next prompt
    assert child.pid is not None
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL
    expected = [
        (items[n].id, int(items[n].correct_index == n % len(items[n].choices))) for n in range(3)
    ]
    assert reviews(tmp_path) == expected
    # and the database opens cleanly afterwards
    with Store(tmp_path / DB_NAME) as store:
        assert store.seen_ids() == {i.id for i in items[:3]}
