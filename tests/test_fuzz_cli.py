"""Property tests through the real command line: hostile files never crash, hang or inject.

Random bytes, random control characters and random YAML structures (and valid pathways
with such values planted in them) go through ``validate``, ``show``, ``walk``, ``quiz``
and every leaflet format (PDF too). Counted over every case: tracebacks and internal errors
(exit 3), runs over the time limit, control characters reaching the output, and
``validate`` lines that are neither a problem nor the summary. Each must be zero.

The default run is quick; ``BONEMETS_FUZZ_EXAMPLES=5000`` makes the long run.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from clihelp import run_bonemets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pathwayhelp import CLEAN_PATHWAY, VALID

EXAMPLES = int(os.environ.get("BONEMETS_FUZZ_EXAMPLES", "15"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TIME_LIMIT = 10.0
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
PROBLEM_LINE = re.compile(r"^\S.*:\d+:\d+: \[(error|warning)\] .+ \([a-z-]+\)$")
SUMMARY = re.compile(r"^\d+ files? checked: ")
CLEAN = CLEAN_PATHWAY.read_text(encoding="utf-8")

controls = st.text(alphabet=st.characters(codec="utf-8"), max_size=12).map(
    lambda s: s + "".join(chr(c) for c in (0x1B, 0x07, 0x9B, 0x0A))
)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20), controls)
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def yaml_escape(text: str) -> str:
    """``text`` as a double-quoted YAML scalar, control characters as escapes."""
    return (
        '"'
        + "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" for c in text)
        + '"'
    )


def planted(value: str) -> bytes:
    """The clean pathway with a hostile value as a node's title."""
    return CLEAN.replace("title: Leg weakness?", f"title: {yaml_escape(value)}").encode()


def as_yaml(value: object) -> bytes:
    import json

    return json.dumps({"id": "fuzz", "nodes": value}, ensure_ascii=True).encode()  # JSON is YAML


def runs(folder: Path) -> list[tuple[str, ...]]:
    return [
        ("validate", str(folder)),
        ("show", "clean"),
        ("walk", "clean", "-a", "start=no"),
        ("walk", "clean", "--plain"),
        (
            "quiz",
            "--pathway",
            "clean",
            "-n",
            "2",
            "--answers",
            str(folder.parent / "a.json"),
            "--data-dir",
            str(folder.parent / "data"),
        ),
        ("leaflet", "clean", "-f", "md"),
        ("leaflet", "clean", "-f", "txt"),
        ("leaflet", "clean", "-f", "html"),
    ]


def check_every_command(tmp_path: Path, data: bytes) -> None:
    folder = tmp_path / "p"
    folder.mkdir(exist_ok=True)
    (folder / "bibliography.yaml").write_bytes((VALID / "bibliography.yaml").read_bytes())
    (folder / "clean.yaml").write_bytes(data)
    (tmp_path / "a.json").write_text('{"answers": {"1": "A", "2": "B"}}')
    for args in runs(folder):
        started = time.perf_counter()
        result = run_bonemets("--pathways-dir", folder, *args)
        took = time.perf_counter() - started
        assert took < TIME_LIMIT, (args, took)
        assert result.returncode in (0, 1, 2), (args, result.stderr)
        assert "Traceback" not in result.stderr, (args, result.stderr)
        assert not CONTROL.search(result.stdout + result.stderr), (args, result)
        if args[0] == "validate":
            for line in result.stdout.splitlines():
                assert PROBLEM_LINE.match(line) or SUMMARY.match(line), (line, result.stdout)


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    check_every_command(tmp_path, data)


@FUZZ
@given(value=controls)
def test_random_control_characters_in_a_valid_pathway(tmp_path: Path, value: str) -> None:
    check_every_command(tmp_path, planted(value))


@FUZZ
@given(value=structures)
def test_random_yaml_structures(tmp_path: Path, value: object) -> None:
    check_every_command(tmp_path, as_yaml(value))


PDF_FUZZ = settings(
    max_examples=max(3, EXAMPLES // 10),  # a PDF takes about a second to render
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PDF_FUZZ
@given(value=st.one_of(controls, structures.map(str)))
def test_random_values_in_a_pdf_leaflet(tmp_path: Path, value: str) -> None:
    folder = tmp_path / "p"
    folder.mkdir(exist_ok=True)
    (folder / "bibliography.yaml").write_bytes((VALID / "bibliography.yaml").read_bytes())
    (folder / "clean.yaml").write_bytes(planted(value))
    out = tmp_path / "clean.pdf"
    started = time.perf_counter()
    result = run_bonemets("--pathways-dir", folder, "leaflet", "clean", "-f", "pdf", "-o", out)
    assert time.perf_counter() - started < TIME_LIMIT * 3
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    assert not CONTROL.search(result.stdout + result.stderr)
    if result.returncode == 0:
        assert out.read_bytes().startswith(b"%PDF-")
