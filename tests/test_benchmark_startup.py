"""``benchmarks/startup.py``: every row can be chosen, and a run times what it names."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
import startup  # noqa: E402 - a script beside the others, not a package


def test_every_row_can_be_named_with_only() -> None:
    """``--only`` splits on commas, so a row name with one could never be chosen."""
    names = [bench.name for bench in startup.BENCHES]
    assert all("," not in name for name in names)
    assert len(set(names)) == len(names)


def test_a_row_near_the_floor_is_timed_with_the_floor_row(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "startup.py"), "--runs", "1", "--json", "--only=list"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    rows = {row["command"]: row for row in json.loads(done.stdout)["results"]}
    assert set(rows) == {"list", startup.FLOOR_ROW}
    assert (rows["list"]["budget"], rows["list"]["floor_budget"]) == (3.3, 1.15)
    assert rows["list"]["floor_ratio"] == pytest.approx(
        rows["list"]["ratio"] / rows[startup.FLOOR_ROW]["ratio"], rel=0.01
    )
    assert rows[startup.FLOOR_ROW]["budget"] is None
    assert all(row["ratio"] > 0 for row in rows.values())
