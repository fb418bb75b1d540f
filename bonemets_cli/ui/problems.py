"""Problems → text, JSON or GitHub annotations (yamllint's ``file:line:col`` style)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from bonemets_cli.errors import visible
from bonemets_cli.load.loader import PathwayDocument
from bonemets_cli.validate.problems import Level, Problem
from bonemets_cli.validate.readability import ReadingLevel


def as_text(problems: Sequence[Problem], files_checked: int) -> str:
    lines = [visible(f"{p.location}: [{p.level.value}] {p.message} ({p.rule})") for p in problems]
    lines.append(summary(problems, files_checked))
    return "\n".join(lines) + "\n"


def summary(problems: Sequence[Problem], files_checked: int) -> str:
    errors = sum(p.level is Level.ERROR for p in problems)
    warnings = len(problems) - errors
    files = f"{files_checked} file{'s' if files_checked != 1 else ''}"
    if not problems:
        return f"{files} checked: no problems"
    return (
        f"{files} checked: {errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}"
    )


def as_json(problems: Sequence[Problem]) -> str:
    return (
        json.dumps(
            [
                {
                    "file": p.location.file,
                    "line": p.location.line,
                    "column": p.location.col,
                    "level": p.level.value,
                    "rule": p.rule,
                    "message": p.message,
                }
                for p in problems
            ],
            indent=2,
        )
        + "\n"
    )


def as_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands; values escaped as the runner expects."""

    def esc(value: str) -> str:
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(value: str) -> str:
        return esc(value).replace(":", "%3A").replace(",", "%2C")

    return "".join(
        f"::{p.level.value} file={prop(p.location.file)},line={p.location.line},"
        f"col={p.location.col},title={prop(p.rule)}::{esc(p.message)}\n"
        for p in problems
    )


def reading_report(levels: Sequence[tuple[PathwayDocument, ReadingLevel]], target: float) -> str:
    """One line per pathway: how easily its lay text reads, against the target."""
    lines = []
    for doc, level in levels:
        verdict = "ok" if level.ease >= target else "below target"
        lines.append(
            f"{doc.pathway.id}: Flesch Reading Ease {level.ease:g}, Flesch–Kincaid grade "
            f"{level.grade:g} (target {target:g}: {verdict})"
        )
    return "\n".join(lines) + "\n" if lines else "no lay text to score\n"
