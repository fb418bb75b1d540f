"""Rows with bad values in a database that is otherwise ours: reported by item, not crashed on.

Every read path (the store's methods, ``quiz --due``, ``progress``) names the file and the
row's item id in one line; nothing is changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from clihelp import run_bonemets
from quizhelp import QUIZ_DIR
from test_quiz_store import make_item
from test_quiz_store_safety import snapshot

from bonemets_cli.quiz.progress import read_progress
from bonemets_cli.quiz.store import DB_NAME, Store, StoreError

BAD = "bad-row-item"

BAD_VALUES: dict[str, tuple[str, object]] = {
    # name: (the UPDATE to run on the bad item's rows, the value)
    "due-not-iso": ("UPDATE items SET due = ? WHERE item_id = ?", "next Tuesday"),
    "due-without-zone": ("UPDATE items SET due = ? WHERE item_id = ?", "2026-03-02T09:00:00"),
    "due-a-number": ("UPDATE items SET due = ? WHERE item_id = ?", 20260302),
    "card-not-json": ("UPDATE items SET card = ? WHERE item_id = ?", "{not json"),
    "card-fsrs-cannot-read": ("UPDATE items SET card = ? WHERE item_id = ?", '{"card_id": 1}'),
    "card-a-list": ("UPDATE items SET card = ? WHERE item_id = ?", "[1, 2]"),
    "card-bad-state": ("UPDATE items SET card = json_set(card, '$.state', ?) WHERE item_id = ?", 9),
    "card-naive-due": (
        "UPDATE items SET card = json_set(card, '$.due', ?) WHERE item_id = ?",
        "2026-03-02T09:00:00",
    ),
    "reviewed-at-not-iso": ("UPDATE reviews SET reviewed_at = ? WHERE item_id = ?", "soon"),
    "log-not-json": ("UPDATE reviews SET log = ? WHERE item_id = ?", "<log>"),
    "duration-text": ("UPDATE reviews SET duration_ms = ? WHERE item_id = ?", "ten seconds"),
    "duration-negative": ("UPDATE reviews SET duration_ms = ? WHERE item_id = ?", -5),
    "type-a-blob": ("UPDATE items SET type = ? WHERE item_id = ?", b"next-step"),
}


def bad_database(folder: Path, kind: str) -> Path:
    """Our database with two good items and one whose row has the bad value."""
    path = folder / DB_NAME
    with Store(path) as store:
        for item_id in ("good-1", BAD, "good-2"):
            store.record(make_item(item_id), "x", False)
    sql, value = BAD_VALUES[kind]
    conn = sqlite3.connect(path)
    assert conn.execute(sql, (value, BAD)).rowcount >= 1
    conn.commit()
    conn.close()
    return path


def _reported(path: Path, read: Callable[[Store], object]) -> str:
    with Store(path) as store, pytest.raises(StoreError) as caught:
        read(store)
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message
    assert repr(BAD) in message
    return message


READS: dict[str, Callable[[Store], object]] = {
    "items": Store.items,
    "reviews": Store.reviews,
    "due_ids": Store.due_ids,
    "seen_ids": Store.seen_ids,
    "next_due": Store.next_due,
    "review_logs": lambda store: store.review_logs(BAD),
    "record": lambda store: store.record(make_item(BAD), "x", True),
}

# which reads see which column: a bad review is only read by reviews() and review_logs()
SEES = {
    "reviewed-at-not-iso": {"reviews"},
    "log-not-json": {"review_logs"},
    "duration-text": {"reviews"},
    "duration-negative": {"reviews"},
}


@pytest.mark.parametrize("kind", list(BAD_VALUES))
def test_every_read_names_the_bad_row(tmp_path: Path, kind: str) -> None:
    path = bad_database(tmp_path, kind)
    before = snapshot(tmp_path)
    for name, read in READS.items():
        if name in SEES.get(kind, set(READS) - {"reviews", "review_logs"}):
            _reported(path, read)
    assert snapshot(tmp_path) == before  # a failed answer saved nothing


def test_a_bad_row_in_progress_is_named(tmp_path: Path) -> None:
    path = bad_database(tmp_path, "due-not-iso")
    with pytest.raises(StoreError, match=BAD):
        read_progress(path.parent)


@pytest.mark.parametrize(
    ("command", "kind"),
    [
        ("quiz --due", "due-not-iso"),
        ("quiz --due", "due-without-zone"),
        ("quiz --due", "card-not-json"),
        ("progress", "due-not-iso"),
        ("progress", "card-fsrs-cannot-read"),
        ("progress", "reviewed-at-not-iso"),
        ("progress", "duration-text"),
    ],
)
def test_the_commands_name_the_bad_row_in_one_line(tmp_path: Path, command: str, kind: str) -> None:
    path = bad_database(tmp_path / "data", kind)
    answers = tmp_path / "answers.json"
    answers.write_text('{"answers": {}}')
    args = ["progress"]
    if command != "progress":
        args = ["--pathways-dir", str(QUIZ_DIR), "quiz", "--pathway", "quizlimb", "--due"]
        args += ["--seed", "1", "--count", "2", "--answers", str(answers)]
    proc = run_bonemets(*args, "--data-dir", path.parent)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.count("\n") == 1
    assert str(path) in proc.stderr
    assert repr(BAD) in proc.stderr
    assert "internal error" not in proc.stderr
