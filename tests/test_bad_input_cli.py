"""Every invalid corpus file through the real CLI: one clear located line, never a traceback.

Each run goes through the real boundary (``main``) in this process: the reader refuses
aliases, deep nesting and oversize files before they cost memory or time.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from clihelp import Result, run_bonemets
from pathwayhelp import INVALID

from bonemets_cli.load.yaml import MAX_BYTES

EXPECTED: dict[str, dict[str, object]] = yaml.safe_load(
    (INVALID / "EXPECTED.yaml").read_text(encoding="utf-8")
)


def bonemets(*args: str | Path, cwd: Path) -> Result:
    return run_bonemets(*args, cwd=cwd, home=cwd)


def generated(tmp_path: Path) -> dict[str, Path]:
    """The inputs too big to commit: over the size limit, and 100,000 levels deep."""
    large = tmp_path / "too-large.yaml"
    large.write_bytes(
        b"id: big\nnotes: |\n" + b"  lorem ipsum dolor sit amet\n" * (MAX_BYTES // 28 + 2)
    )
    deep = tmp_path / "deep-100000.yaml"
    deep.write_text("nodes: " + "[" * 100_000 + "\n")
    deep_maps = tmp_path / "deep-maps.yaml"
    deep_maps.write_text("nodes:\n" + "".join("  " * i + f"  k{i}:\n" for i in range(2000)))
    wide = tmp_path / "wide.yaml"
    wide.write_text("nodes: [" + "1," * (MAX_BYTES // 2 - 8) + "1]\n")
    return {
        "too-large.yaml": large,
        "deep-100000.yaml": deep,
        "deep-maps.yaml": deep_maps,
        "wide.yaml": wide,
    }


def assert_one_clear_fault(result: Result, shown_name: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert result.returncode != 2 or "Error:" in result.stderr  # 2 only for usage
    assert "Traceback" not in output
    assert re.search(rf"{re.escape(shown_name)}:\d+:\d+: ", output), output


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_each_corpus_file(name: str) -> None:
    target = INVALID / name
    result = bonemets("validate", "--strict", target, cwd=INVALID)
    shown = str(target / str(EXPECTED[name]["file"])) if target.is_dir() else str(target)
    assert_one_clear_fault(result, shown)
    assert result.returncode == 1
    assert f"({EXPECTED[name]['rule']})" in result.stdout


@pytest.mark.parametrize(
    "name", ["too-large.yaml", "deep-100000.yaml", "deep-maps.yaml", "wide.yaml"]
)
def test_validate_each_generated_file(tmp_path: Path, name: str) -> None:
    path = generated(tmp_path)[name]
    result = bonemets("validate", path.name, cwd=tmp_path)
    assert_one_clear_fault(result, path.name)
    rule = "too-deep" if name.startswith("deep") else "too-large"
    assert f"({rule})" in result.stdout


UNREADABLE = sorted(
    n
    for n, e in EXPECTED.items()
    if (INVALID / n).is_file()
    and e["rule"] not in {"path-escape", "missing-bibliography"}
    and e["rule"] in {"yaml-syntax", "tab", "empty-file", "not-a-mapping", "multiple-documents",
                      "unknown-key", "missing-key", "wrong-type", "duplicate-key", "tag", "alias",
                      "too-deep", "encoding", "newer-schema"}
)  # fmt: skip


@pytest.mark.parametrize("name", UNREADABLE)
def test_other_commands_stop_with_one_line_naming_the_file(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(INVALID / name, folder / name)
    result = bonemets("--pathways-dir", "mine", "list", cwd=tmp_path)
    assert_one_clear_fault(result, f"mine/{name}")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"bonemets: error: mine/{name}:")
    assert lines[0].endswith("(run 'bonemets validate' for every problem)")
