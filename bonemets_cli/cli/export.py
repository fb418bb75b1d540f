"""``bonemets export``: the pathways in other forms, one subcommand each.

The group is a Typer app of its own; a new form is one more function here with
``@app.command``. Each subcommand imports its heavy code inside its function, so
``bonemets export --help`` stays light.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from bonemets_cli.cli.state import state, terminal

app = typer.Typer(
    help="Export the pathways in other forms (an offline web page).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


@app.command("html")
def html(
    ctx: typer.Context,
    pathways: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Argument(
            help="Pathway ids (see 'bonemets list'); default: all. Linked pathways come too.",
            metavar="[PATHWAY]...",
        ),
    ] = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="File to write ('-': standard output).", metavar="FILE"
        ),
    ] = Path("bonemets.html"),
    quiz_seed: Annotated[
        int, typer.Option("--quiz-seed", help="The quiz's seed, as 'bonemets quiz --seed'.")
    ] = 1,
    quiz_count: Annotated[
        int, typer.Option("--quiz-count", min=0, help="How many quiz questions to carry.")
    ] = 150,
) -> None:
    """One self-contained HTML file to walk the pathways and quiz yourself, offline.

    Open it in any browser: it fetches nothing and sends nothing. Quiz answers stay in
    the browser's local storage and can be saved as the CSV 'bonemets progress' writes.
    """
    from bonemets_cli.export.files import STDOUT, check_folder, target_of, write_atomic
    from bonemets_cli.export.offline import offline_html
    from bonemets_cli.quiz.offline import offline_quiz

    term = terminal(ctx)
    if str(output) != STDOUT:  # a wrong target is refused before the work of rendering
        check_folder(output.parent if str(output.parent) else Path())
        target_of(output)
    catalog = state(ctx).catalog()
    named = list(pathways or [])
    for pid in named:
        catalog.get(pid)  # an unknown pathway is named before any work
    quiz = offline_quiz(catalog, named, quiz_seed, quiz_count) if quiz_count else None
    for pid, why in (quiz.skipped if quiz else {}).items():
        term.warning(f"pathway '{pid}' is left out of the quiz: {why}; run 'bonemets validate'")
    data = offline_html(
        catalog.pathway_set,
        named,
        quiz.items if quiz else (),
        quiz.command if quiz else None,
    )
    if str(output) == STDOUT:
        term.write(data.decode("utf-8"))
    else:
        write_atomic(output, data)
