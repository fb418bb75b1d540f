"""``benchmarks/scale.py``: the 10k budget reads the run's own YAML floor, so a machine
that is slow for everyone does not fail it and a slow bonemets on a fast machine does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
import scale  # noqa: E402 - a script beside the others, not a package


def row(seconds: float, floor: float) -> scale.Row:
    made = scale.Row(10_000, 10, seconds, seconds, seconds / 10_000 * 1e6, 90.0)
    made.quiz_seconds, made.floor_seconds = seconds, floor
    return made


def test_twice_the_budget_on_a_machine_twice_as_slow_passes() -> None:
    assert scale.over_budget({10_000: row(2.4, 0.76)}, None, slack=1.0) == []


def test_the_budget_in_seconds_on_the_reference_machine_is_the_ratio() -> None:
    assert scale.BUDGET_10K_VS_FLOOR == 3.2
    assert scale.over_budget({10_000: row(1.2, scale.REFERENCE_FLOOR_SECONDS)}, None, 1.0) == []
    (line,) = scale.over_budget({10_000: row(1.4, scale.REFERENCE_FLOOR_SECONDS)}, None, 1.0)
    assert "3.68× the YAML floor" in line
    assert "budget 3.2×" in line


def test_the_floor_program_reads_every_file_of_a_folder(tmp_path: Path) -> None:
    """It must parse (a broken file fails it), or it would time nothing."""
    (tmp_path / "a.yaml").write_text("a: [1, 2]\n", encoding="utf-8")
    ok = subprocess.run([sys.executable, "-c", scale.FLOOR_CODE, str(tmp_path)], check=False)
    (tmp_path / "b.yaml").write_text("a: [1, 2\n", encoding="utf-8")
    broken = subprocess.run(
        [sys.executable, "-c", scale.FLOOR_CODE, str(tmp_path)], capture_output=True, check=False
    )
    assert (ok.returncode, broken.returncode != 0) == (0, True)
