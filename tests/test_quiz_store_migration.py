"""Schema 1 → 2 on a real database file that bonemets 0.2 (schema 1) wrote.

``tests/data/quiz_db/v1.sqlite3`` was made by the schema-1 command line (``bonemets quiz
--seed 11 -n 4 --answers …``): four answers, two right, in WAL mode. Schema 2 adds how
long each answer took and the question as asked; the migration keeps every old answer,
runs in one transaction, and is checked again under the write lock.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from clihelp import run_bonemets
from test_quiz_store import make_item

from bonemets_cli.quiz import store as store_module
from bonemets_cli.quiz.store import DB_NAME, SCHEMA_VERSION, Store, StoreError

V1 = Path(__file__).parent / "data" / "quiz_db" / "v1.sqlite3"


def v1_copy(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DB_NAME
    shutil.copyfile(V1, path)
    return path


def version_and_columns(path: Path) -> tuple[int, list[str]]:
    conn = sqlite3.connect(path)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        columns = [row[1] for row in conn.execute("PRAGMA table_info(reviews)")]
    finally:
        conn.close()
    return version, columns


def test_the_fixture_is_a_schema_1_file() -> None:
    version, columns = version_and_columns(V1)
    assert version == 1
    assert "duration_ms" not in columns
    assert SCHEMA_VERSION == 2


def test_opening_a_v1_file_migrates_it_and_keeps_every_answer(tmp_path: Path) -> None:
    path = v1_copy(tmp_path)
    conn = sqlite3.connect(path)
    before = conn.execute("SELECT item_id, reviewed_at, correct, chosen FROM reviews").fetchall()
    items_before = conn.execute("SELECT item_id, card, due FROM items ORDER BY item_id").fetchall()
    conn.close()
    assert len(before) == 4
    with Store(path) as store:
        reviews = store.reviews()
        assert [(r.item_id, r.correct) for r in reviews] == [(b[0], bool(b[2])) for b in before]
        assert all(r.seconds is None and r.question is None for r in reviews)
        assert {r.type for r in reviews} == {"bank", "urgency", "score", "next-step"}
        store.record(make_item("after-migration"), "right", True, seconds=12.345)
        new = store.reviews()[-1]
        assert (new.item_id, new.seconds, new.question) == ("after-migration", 12.345, "?")
    version, columns = version_and_columns(path)
    assert version == 2
    assert columns[-2:] == ["duration_ms", "question"]
    conn = sqlite3.connect(path)
    assert (
        conn.execute("SELECT item_id, reviewed_at, correct, chosen FROM reviews").fetchall()[:4]
        == before
    )
    assert (
        conn.execute(
            "SELECT item_id, card, due FROM items WHERE item_id != 'after-migration' ORDER BY item_id"
        ).fetchall()
        == items_before
    )
    conn.close()
    # a migrated file is exactly what a new file is: it opens again, and a fresh one matches
    Store(path).close()
    fresh = tmp_path / "fresh" / DB_NAME
    fresh.parent.mkdir()
    Store(fresh).close()
    assert version_and_columns(fresh) == version_and_columns(path)


def test_progress_on_a_v1_file_migrates_it_and_counts_the_old_answers(tmp_path: Path) -> None:
    v1_copy(tmp_path)
    proc = run_bonemets("progress", "--format", "json", "--data-dir", tmp_path)
    assert proc.returncode == 0, proc.stderr
    total = json.loads(proc.stdout)["total"]
    assert (total["answers"], total["correct"]) == (4, 2)
    assert version_and_columns(tmp_path / DB_NAME)[0] == 2
    cpd = run_bonemets("progress", "--format", "cpd-csv", "--data-dir", tmp_path)
    assert cpd.returncode == 0, cpd.stderr
    rows = cpd.stdout.strip().splitlines()
    assert len(rows) == 6  # the header, the four old answers (time spent unknown), the total
    assert all(",not timed," in row for row in rows[1:5])
    assert rows[5].startswith("TOTAL,")
    assert ",0.00 h,0," in rows[5]


def test_a_failed_migration_is_rolled_back_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = v1_copy(tmp_path)
    broken = store_module.MIGRATIONS[2] + "; ALTER TABLE no_such_table ADD COLUMN x"
    monkeypatch.setitem(store_module.MIGRATIONS, 2, broken)
    store_module._expected_schema.cache_clear()
    try:
        with pytest.raises(StoreError):
            Store(path, busy_timeout=2)
    finally:
        store_module._expected_schema.cache_clear()
    version, columns = version_and_columns(path)
    assert version == 1
    assert "duration_ms" not in columns  # the first ALTER of the step was undone too


def test_two_bonemets_migrating_at_once_both_open_it(tmp_path: Path) -> None:
    path = v1_copy(tmp_path)
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def open_it() -> None:
        start.wait()
        try:
            with Store(path) as store:
                assert len(store.reviews()) == 4
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert version_and_columns(path)[0] == 2
