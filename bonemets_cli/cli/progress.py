"""``bonemets progress``: how a trainee is doing, by pathway and stage; CSV/JSON for a CPD log."""

from __future__ import annotations

from typing import Annotated

import typer

from bonemets_cli.cli.options import DataDir, ProgressFormat
from bonemets_cli.cli.state import terminal


def progress(
    ctx: typer.Context,
    format: Annotated[
        ProgressFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ProgressFormat.table,
    data_dir: DataDir = None,
) -> None:
    """Items seen, accuracy, items due now and your day streak, by pathway and stage.

    Streak: consecutive days with at least one answer, ending today or yesterday.
    """
    from bonemets_cli.quiz.progress import read_progress
    from bonemets_cli.quiz.store import data_dir as resolve_data_dir
    from bonemets_cli.ui import progress_views

    term = terminal(ctx)

    result = read_progress(resolve_data_dir(data_dir))
    if format is ProgressFormat.json:
        term.write(progress_views.progress_json(result))
    elif format is ProgressFormat.csv:
        term.write(progress_views.progress_csv(result))
    else:
        term.console().print(progress_views.progress_table(result))
