"""``bonemets validate``: check pathway files; exit 0 clean, 1 problems, 2 usage."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from bonemets_cli.cli.state import state


class ProblemFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


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
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
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
) -> None:
    """Check pathways: YAML and schema faults, graph, safety and provenance rules."""
    from bonemets_cli.catalog import pathway_files
    from bonemets_cli.quiz.bank import bank_files, bank_rule, is_bank_file
    from bonemets_cli.ui import console
    from bonemets_cli.ui import problems as fmt
    from bonemets_cli.validate import has_errors, validate_catalog

    files: list[Path] = []
    folders: list[Path] = []
    banks: list[Path] = []
    for path in paths or []:
        if path.is_dir() and is_bank_file(path / "x.yaml"):  # a quiz/ folder: its bank files
            banks.extend(bank_files([path.parent]))
        else:
            (folders if path.is_dir() else banks if is_bank_file(path) else files).append(path)
    st = state(ctx)
    extra_dirs = st.pathways_dirs + folders
    extra_dirs += [d for d in dict.fromkeys(b.parent.parent for b in banks) if d not in extra_dirs]
    from bonemets_cli.catalog import load_catalog, search_dirs

    catalog = load_catalog(search_dirs(extra_dirs), files)
    only: list[Path] | None = None
    if paths:
        only = files + [p for d in folders for p in pathway_files(d)]
        only += [d / "bibliography.yaml" for d in folders] + banks + bank_files(folders)
    checked = len(only) if only is not None else len(catalog.documents) + len(catalog.errors)
    checked += 0 if only is not None else len(bank_files(catalog.folders))
    problems = validate_catalog(
        catalog, only=only, extra_rules=[bank_rule(banks)], reading_ease=reading_ease
    )
    if reading:  # on stderr beside JSON or annotations, so machine output stays parseable
        report = fmt.reading_report(catalog, reading_ease)
        if format is ProblemFormat.text:
            console.write(report)
        else:
            sys.stderr.write(report)
    if format is ProblemFormat.json:
        console.write(fmt.as_json(problems))
    elif format is ProblemFormat.github:
        console.write(fmt.as_github(problems))
        console.warning_line(fmt.summary(problems, checked)) if problems else None
    else:
        console.write(fmt.as_text(problems, checked))
    if has_errors(problems, strict=strict):
        raise typer.Exit(1)
