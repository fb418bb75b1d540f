"""The ``missing-lay`` and ``reading-level`` rules: leaflets print lay text, so check it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from clihelp import run_bonemets

from bonemets_cli.load.catalog import load_catalog
from bonemets_cli.validate import RULES, Level, Problem, validate_catalog

PLAIN = "Are your legs weaker than usual? Tell us now."
JARGON = (
    "Metastatic epidural spinal cord compression necessitates immediate multidisciplinary "
    "evaluation, including whole-spine magnetic resonance imaging and corticosteroid "
    "administration."
)

PATHWAY = """\
schema_version: 1
id: reading
title: Reading test
version: "1.0.0"
summary: Lay text of two kinds.
lay_summary: "{summary}"
audience: [patients]
reviewed: 2026-01-01
next_review: 2029-01-01
producer: tests
start: ask
nodes:
  ask:
    kind: question
    title: Ask
    stage: symptoms
    text: Clinician question.
    lay: "{ask}"
    sources: [g]
    options:
      - {{id: "yes", label: "Yes", next: done, red_flag: true}}
      - {{id: "no", label: "No", next: done}}
  done:
    kind: outcome
    title: Done
    stage: symptoms
    text: Clinician outcome.
{done_lay}    urgency: routine
    action: Wait.
    discuss: Ask about it.
    sources: [g]
"""
BIBLIOGRAPHY = "schema_version: 1\nsources:\n  g: {title: A guide, year: 2020}\n"


def write_pathway(
    folder: Path, ask: str, done_lay: str | None, *, summary: str = PLAIN, discuss: str = ""
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lay_line = f'    lay: "{done_lay}"\n' if done_lay is not None else ""
    path = folder / "reading.yaml"
    text = PATHWAY.format(ask=ask, done_lay=lay_line, summary=summary)
    if discuss:
        text = text.replace("    discuss: Ask about it.", f'    discuss: "{discuss}"')
    path.write_text(text)
    (folder / "bibliography.yaml").write_text(BIBLIOGRAPHY)
    return path


def rules(problems: list[Problem]) -> list[str]:
    return [p.rule for p in problems]


def test_rules_are_registered() -> None:
    assert "reading-level" in RULES
    assert "missing-lay" in RULES


def test_hard_lay_text_warns_at_the_hardest_node(tmp_path: Path) -> None:
    path = write_pathway(tmp_path, PLAIN, JARGON)
    problems = validate_catalog(load_catalog([tmp_path]))
    found = [p for p in problems if p.rule == "reading-level"]
    assert len(found) == 1
    problem = found[0]
    assert problem.level is Level.WARNING
    assert problem.location.file == str(path)
    lay_line = next(n for n, line in enumerate(path.read_text().splitlines(), 1) if JARGON in line)
    assert problem.location.line == lay_line
    assert "'reading'" in problem.message
    assert "node 'done'" in problem.message
    assert "Flesch–Kincaid grade" in problem.message


def test_plain_lay_text_passes_the_default_target(tmp_path: Path) -> None:
    write_pathway(tmp_path, PLAIN, "Talk to your team at your next visit.")
    assert "reading-level" not in rules(validate_catalog(load_catalog([tmp_path])))


def test_the_target_is_configurable(tmp_path: Path) -> None:
    write_pathway(tmp_path, PLAIN, JARGON)
    catalog = load_catalog([tmp_path])
    assert "reading-level" in rules(validate_catalog(catalog, reading_ease=60))
    assert "reading-level" not in rules(validate_catalog(catalog, reading_ease=-100))


def test_missing_lay_is_a_warning_at_the_node(tmp_path: Path) -> None:
    path = write_pathway(tmp_path, PLAIN, None)
    problems = [p for p in validate_catalog(load_catalog([tmp_path])) if p.rule == "missing-lay"]
    assert [p.level for p in problems] == [Level.WARNING]
    assert "'done'" in problems[0].message
    done_line = path.read_text().splitlines().index("  done:") + 1
    assert problems[0].location.line == done_line


def test_cli_reports_each_pathways_level_and_takes_a_target(tmp_path: Path) -> None:
    write_pathway(tmp_path, PLAIN, JARGON)
    cmd = ["--pathways-dir", str(tmp_path), "validate"]
    loose = run_bonemets(*cmd, "--reading", "--reading-ease", "-100", str(tmp_path))
    assert loose.returncode == 0, loose.stderr
    assert "reading: Flesch Reading Ease" in loose.stdout
    assert "(reading-level)" not in loose.stdout
    strict = run_bonemets(*cmd, "--strict", "--reading-ease", "60", str(tmp_path))
    assert strict.returncode == 1
    assert "[warning]" in strict.stdout
    assert "(reading-level)" in strict.stdout


def test_reading_report_keeps_json_output_parseable(tmp_path: Path) -> None:
    import json

    write_pathway(tmp_path, PLAIN, JARGON)
    result = run_bonemets(
        "--pathways-dir", tmp_path, "validate", "--format", "json", "--reading", tmp_path
    )
    problems = json.loads(result.stdout)
    assert "reading-level" in [p["rule"] for p in problems]
    assert "reading: Flesch Reading Ease" in result.stderr


def test_ignoring_reading_level_skips_the_scoring_itself(tmp_path: Path) -> None:
    """``--ignore reading-level`` must not pay for textstat on large pathway sets."""
    write_pathway(tmp_path, PLAIN, JARGON)
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from bonemets_cli.validate.run import check_paths\n"
        f"folder = Path({str(tmp_path)!r})\n"
        "ignored = check_paths([folder], [], reading_ease=60, ignore=['reading-level'])\n"
        "print('textstat' in sys.modules, sorted({p.rule for p in ignored.problems}))\n"
        "scored = check_paths([folder], [], reading_ease=60)\n"
        "print('textstat' in sys.modules, sorted({p.rule for p in scored.problems}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    )
    assert result.stdout.splitlines() == ["False []", "True ['reading-level']"]


def test_reading_report_covers_only_the_named_files() -> None:
    spine = Path(__file__).parent.parent / "pathways" / "spine.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "bonemets_cli", "validate", "--reading", str(spine)],
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    scored = [line.split(":")[0] for line in result.stdout.splitlines() if "Flesch" in line]
    assert scored == ["spine"]


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_a_hard_discuss_prompt_is_scored_too(tmp_path: Path) -> None:
    """Leaflets print each step's discuss prompt, so validate scores it, not only 'lay'."""
    path = write_pathway(tmp_path, PLAIN, PLAIN, discuss=JARGON)
    found = [p for p in validate_catalog(load_catalog([tmp_path])) if p.rule == "reading-level"]
    assert found, "a discuss prompt in jargon passed"
    done_lay = [
        n
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if line == f'    lay: "{PLAIN}"'
    ][-1]
    assert {p.location.line for p in found} == {done_lay}
    assert "node 'done'" in " ".join(p.message for p in found)


def test_the_opening_paragraph_is_scored_and_must_be_lay(tmp_path: Path) -> None:
    path = write_pathway(tmp_path, PLAIN, PLAIN, summary=JARGON)
    found = [p for p in validate_catalog(load_catalog([tmp_path])) if p.rule == "reading-level"]
    assert [p.location.line for p in found] == [line_of(path, "lay_summary:")]
    assert "opening paragraph" in found[0].message
    path.write_text(path.read_text().replace(f'lay_summary: "{JARGON}"\n', ""))
    missing = [p for p in validate_catalog(load_catalog([tmp_path])) if p.rule == "missing-lay"]
    assert [p.location.line for p in missing] == [line_of(path, "summary:")]
    assert "lay_summary" in missing[0].message
