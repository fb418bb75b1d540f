"""The Typer app and the one place where every command is registered.

Command modules import only Typer and the standard library at the top; the core is
imported inside each command so ``--help`` and ``--version`` stay fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from bonemets_cli import __version__
from bonemets_cli.cli import (
    graph,
    leaflet,
    list_cmd,
    progress,
    quiz,
    schema,
    show,
    validate,
    walk,
)
from bonemets_cli.cli.state import State

app = typer.Typer(
    name="bonemets",
    help=(
        "Teaching pathways for bone metastasis from kidney cancer: walk them, quiz "
        "yourself, print leaflets, check pathway files.\n\n"
        "Educational only: never a diagnosis. Discuss any real case with a doctor."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bonemets {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    pathways_dir: Annotated[
        Optional[list[Path]],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--pathways-dir",
            help="Extra folder of pathway files (repeatable); also $BONEMETS_PATHWAYS.",
            exists=True,
            file_okay=False,
            metavar="DIR",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Set the global options every command shares."""
    ctx.obj = State(pathways_dirs=list(pathways_dir or []))


# In the order --help lists them: learners' commands first, then the authors'.
app.command("walk")(walk.walk)
app.command("quiz")(quiz.quiz)
app.command("progress")(progress.progress)
app.command("leaflet")(leaflet.leaflet)
app.command("list")(list_cmd.list_pathways)
app.command("show")(show.show)
app.command("graph")(graph.graph)
app.command("validate")(validate.validate)
app.command("schema")(schema.schema)
