"""Spaced repetition you can see: the end of a round lists what was missed and when each
item comes back; ``quiz --due`` marks reviews; each answer's time is saved."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pexpect
import pytest
from test_cli_quiz import BASE, answer, answers_file, expected_items, run, spawn

from bonemets_cli.quiz.items import letter
from bonemets_cli.quiz.session import Session
from bonemets_cli.quiz.store import DB_NAME, Store
from bonemets_cli.ui.quiz_views import comes_back

NOW = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize(
    ("later", "said"),
    [
        (dt.timedelta(seconds=5), "again now"),
        (dt.timedelta(seconds=55), "again in 1 minute"),
        (dt.timedelta(minutes=10), "again in 10 minutes"),
        (dt.timedelta(minutes=9, seconds=50), "again in 10 minutes"),
        (dt.timedelta(hours=3, minutes=10), "again in 3 hours"),
        (dt.timedelta(days=1), "in 1 day"),
        (dt.timedelta(days=3), "in 3 days"),
    ],
)
def test_when_an_item_comes_back_in_words(later: dt.timedelta, said: str) -> None:
    words = comes_back(NOW + later, NOW)
    assert words.startswith(said)
    if later >= dt.timedelta(days=1):  # a date too, in local time
        local = (NOW + later).astimezone()
        assert words.endswith(f"({local:%a} {local.day} {local:%b %Y})")


def wrong(item_index: int, items: list) -> str:  # type: ignore[type-arg]
    return letter((items[item_index].correct_index + 1) % len(items[item_index].choices))


def test_a_scripted_round_ends_with_what_was_missed_and_when_it_comes_back(
    tmp_path: Path,
) -> None:
    items = expected_items(seed=9, count=3)
    path = answers_file(tmp_path, {1: letter(items[0].correct_index), 2: wrong(1, items)})
    proc = run(
        [*BASE, "--seed", "9", "-n", "3", "--answers", str(path), "--data-dir", str(tmp_path)]
    )
    assert proc.returncode == 0, proc.stderr
    out = " ".join(proc.stdout.split())  # the list as read, whatever the wrapping
    review = out[out.index("This round") :]
    assert "Missed 1 of 2:" in review
    assert f"answer: {letter(items[1].correct_index)}. {items[1].correct_text}" in review
    assert f"(you chose {wrong(1, items)})" in review
    # FSRS: a wrong new card comes back after its 1-minute step, a right one after 10
    assert "comes back again in 1 minute" in review
    assert "Right 1 of 2:" in review
    assert "comes back again in 10 minutes" in review
    assert review.index("Missed") < review.index("Right") < review.index("Score: 1/2")
    # the item left unanswered is in neither list
    assert " 3. " not in review


def test_the_marked_sheet_says_when_each_item_is_due(tmp_path: Path) -> None:
    items = expected_items(seed=4, count=2)
    path = answers_file(tmp_path, {1: letter(items[0].correct_index), 2: wrong(1, items)})
    args = [*BASE, "--seed", "4", "-n", "2", "--answers", str(path), "--format", "json"]
    sheet = json.loads(run([*args, "--data-dir", str(tmp_path)]).stdout)
    with Store(tmp_path / DB_NAME) as store:
        due = {s.item_id: s.due for s in store.items()}
    for entry in sheet["items"]:
        assert dt.datetime.fromisoformat(entry["next_due"]) == due[entry["id"]].replace(
            microsecond=0
        )
        assert "review" not in entry  # only quiz --due marks reviews


def test_due_marks_which_questions_are_reviews(tmp_path: Path) -> None:
    items = expected_items(seed=2, count=4)
    an_hour_ago = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)
    with Store(tmp_path / DB_NAME, clock=lambda: an_hour_ago) as store:
        store.record(items[3], "x", False)
        store.record(items[1], "x", True)
    args = [*BASE, "--due", "--seed", "2", "-n", "4", "--answers"]
    args += [str(answers_file(tmp_path, {})), "--data-dir", str(tmp_path)]
    sheet = json.loads(run([*args, "--format", "json"]).stdout)
    marks = {i["id"]: i["review"] for i in sheet["items"]}
    assert marks == {
        items[3].id: True,
        items[1].id: True,
        **{i["id"]: False for i in sheet["items"][2:]},
    }
    text = run(args).stdout
    assert text.count("(review: due again)") == 2
    assert text.count("(new)") == 2
    assert text.index("(review: due again)") < text.index("(new)")


def test_each_timed_answer_saves_its_duration(tmp_path: Path) -> None:
    items = expected_items(seed=1, count=2)
    ticks = iter([100.0, 112.5, 200.0, 203.25])

    class Answerer:
        def ask(self, number: int, total: int, item: object) -> int:
            return 0

        def show(self, result: object) -> None:
            pass

    with Store(tmp_path / DB_NAME) as store:
        session = Session(items, record=store.record, clock=lambda: next(ticks)).run(Answerer())
        assert [r.seconds for r in session.results] == [12.5, 3.25]
        assert all(r.due is not None for r in session.results)
        assert [r.seconds for r in store.reviews()] == [12.5, 3.25]
    conn = sqlite3.connect(tmp_path / DB_NAME)
    rows = conn.execute("SELECT duration_ms, question FROM reviews ORDER BY id").fetchall()
    conn.close()
    assert rows == [(12500, items[0].question), (3250, items[1].question)]


def test_scripted_answers_are_not_timed(tmp_path: Path) -> None:
    items = expected_items(seed=3, count=1)
    path = answers_file(tmp_path, {1: "A"})
    run([*BASE, "--seed", "3", "-n", "1", "--answers", str(path), "--data-dir", str(tmp_path)])
    with Store(tmp_path / DB_NAME) as store:
        assert [(r.item_id, r.seconds) for r in store.reviews()] == [(items[0].id, None)]


@pytest.mark.slow
def test_a_real_round_ends_with_the_missed_list(tmp_path: Path) -> None:
    items = expected_items(seed=3, count=3)
    child = spawn(tmp_path, "--seed", "3", "--count", "3")
    answer(child, 1, letter(items[0].correct_index))
    answer(child, 2, wrong(1, items))
    answer(child, 3, letter(items[2].correct_index))
    child.expect("This round")
    child.expect("Missed 1 of 3:")
    child.expect(f"answer: {letter(items[1].correct_index)}.")
    child.expect("comes back again in 1 minute")
    child.expect("Right 2 of 3:")
    child.expect("comes back again in 10 minutes")
    child.expect(r"Score: 2/3 right; seed 3")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    with Store(tmp_path / DB_NAME) as store:
        seconds = [r.seconds for r in store.reviews()]
    assert len(seconds) == 3
    assert all(s is not None and 0 < s < 60 for s in seconds)


@pytest.mark.slow
def test_a_real_due_round_marks_reviews(tmp_path: Path) -> None:
    items = expected_items(seed=5, count=2)
    earlier = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)
    with Store(tmp_path / DB_NAME, clock=lambda: earlier) as store:
        store.record(items[0], "x", False)
    child = spawn(tmp_path, "--due", "--seed", "5", "--count", "2")
    child.expect(r"1 item\(s\) due for review, then new ones")
    child.expect(r"Question 1 of 2 \(review: due again\)")
    answer(child, 1, letter(items[0].correct_index))
    child.expect(r"Question 2 of 2 \(new\)")
    answer(child, 2, "q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
