"""``bonemets progress``: how a trainee is doing; CSV/JSON, and an item-level CPD log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from bonemets_cli.cli.options import DataDir, ProgressFormat
from bonemets_cli.cli.state import state, terminal


def progress(
    ctx: typer.Context,
    format: Annotated[
        ProgressFormat,
        typer.Option(
            "--format",
            "-f",
            help="table, json, csv (by pathway and stage), or a CPD log with one row per "
            "answer: cpd-csv or cpd-md (Markdown, with a reflective section).",
        ),
    ] = ProgressFormat.table,
    since: Annotated[
        Optional[dt.datetime],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--since",
            help="CPD log: only answers from this local date on (YYYY-MM-DD).",
            formats=["%Y-%m-%d"],
            metavar="DATE",
        ),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--output", "-o", help="File to write; default: standard output.", metavar="FILE"
        ),
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Your streak, what is due when, and mastery by pathway, topic and question type.

    Streak: consecutive days with at least one answer, ending today or yesterday.
    --format cpd-csv or cpd-md: every answer with its date, topic, question type, result
    and time spent, the total hours, and (Markdown) prompts for a reflective account.
    """
    from bonemets_cli.errors import UsageError
    from bonemets_cli.quiz.store import data_dir as resolve_data_dir

    term = terminal(ctx)
    folder = resolve_data_dir(data_dir)
    cpd = format in (ProgressFormat.cpd_csv, ProgressFormat.cpd_md)
    if since is not None and not cpd:
        raise UsageError("--since is for the CPD log: use it with --format cpd-csv or cpd-md")
    if format is ProgressFormat.table and output is not None:
        raise UsageError("-o writes a file: use it with --format json, csv, cpd-csv or cpd-md")
    if cpd:
        text = _cpd(ctx, folder, format, None if since is None else since.date())
    else:
        from bonemets_cli.quiz.progress import read_progress
        from bonemets_cli.ui import progress_views

        result = read_progress(folder)
        if format is ProgressFormat.table:
            term.console().print(progress_views.progress_table(result))
            return
        render = progress_views.progress_json if format is ProgressFormat.json else None
        text = (render or progress_views.progress_csv)(result)
    if output is None or str(output) == "-":
        term.write(text)
    else:
        from bonemets_cli.export.files import write_text

        write_text(output, text if text.endswith("\n") else text + "\n")


def _cpd(ctx: typer.Context, folder: Path, format: ProgressFormat, since: dt.date | None) -> str:
    """The CPD log, its topics named by the loaded pathways' titles."""
    from bonemets_cli.quiz.cpd import read_cpd_log
    from bonemets_cli.ui import cpd_views

    catalog = state(ctx).catalog(strict_load=False)
    titles = {pid: doc.pathway.title for pid, doc in catalog.pathways.items()}
    log = read_cpd_log(folder, titles, since=since)
    return (
        cpd_views.cpd_csv(log) if format is ProgressFormat.cpd_csv else cpd_views.cpd_markdown(log)
    )
