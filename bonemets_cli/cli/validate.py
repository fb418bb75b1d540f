"""``bonemets validate``: check pathway files; exit 0 clean, 1 problems, 2 usage."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from bonemets_cli.cli.options import ProblemFormat
from bonemets_cli.cli.state import state, terminal


def validate(  # noqa: PLR0917 - a typer command takes its options as parameters
    ctx: typer.Context,
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Argument(
            help="Pathway files or folders (default: every loaded pathway).",
            exists=True,
            metavar="PATH...",
        ),
    ] = None,
    format: Annotated[
        ProblemFormat, typer.Option("--format", "-f", help="Problem format.")
    ] = ProblemFormat.text,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Treat warnings as errors (exit 1 on any problem). An outcome that cites "
            "no source is always an error (outcome-source); any other step with no source "
            "is a warning (missing-source), so an error only with --strict.",
        ),
    ] = False,
    reading_ease: Annotated[
        float,
        typer.Option(
            "--reading-ease",
            help="Warn when a pathway's lay text scores below this Flesch Reading Ease.",
        ),
    ] = 60.0,
    reading: Annotated[
        bool, typer.Option("--reading", help="Also print each pathway's reading level.")
    ] = False,
    ignore: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option("--ignore", metavar="RULE", help="Skip a rule by id (repeatable)."),
    ] = None,
) -> None:
    """Check pathways: YAML and schema faults, graph, safety, provenance and reading level."""
    import math

    from bonemets_cli.errors import UsageError
    from bonemets_cli.ui import problems as fmt
    from bonemets_cli.validate import has_errors
    from bonemets_cli.validate.run import check_paths

    term = terminal(ctx)
    if not math.isfinite(reading_ease):
        raise UsageError(f"--reading-ease {reading_ease} is not a number; give one such as 60")
    result = check_paths(
        paths or [],
        state(ctx).pathways_dirs,
        reading_ease=reading_ease,
        ignore=ignore or [],
        report_reading=reading,
    )
    problems, checked = result.problems, result.files_checked
    if reading:  # on stderr beside JSON or annotations, so machine output stays parseable
        report = fmt.reading_report(result.reading, reading_ease)
        if format is ProblemFormat.text:
            term.write(report)
        else:
            term.stderr.write(report)
    if format is ProblemFormat.json:
        term.write(fmt.as_json(problems))
    elif format is ProblemFormat.github:
        term.write(fmt.as_github(problems))
        term.stderr.write(fmt.summary(problems, checked) + "\n")
    else:
        term.write(fmt.as_text(problems, checked))
    if has_errors(problems, strict=strict):
        raise typer.Exit(1)
