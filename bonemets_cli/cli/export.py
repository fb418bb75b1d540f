"""``bonemets export``: the quiz items in other tools' formats (``export anki``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from bonemets_cli.cli.state import state, terminal

export_app = typer.Typer(
    name="export",
    help="Export the quiz items for other tools: 'bonemets export anki -o deck.apkg'.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@export_app.command("anki")
def anki(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The deck file to write (.apkg).", metavar="FILE"),
    ],
    pathway: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--pathway", "-p", help="Only this pathway (see 'bonemets list').", metavar="ID"
        ),
    ] = None,
    types: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--type",
            "-t",
            help="next-step, urgency, score or bank (repeat or comma-separate; default all).",
            metavar="TYPE",
        ),
    ] = None,
) -> None:
    """An Anki deck (.apkg) with one note per quiz item, tagged by pathway, stage and type.

    The back of each card has the answer, the explanation and its source. Notes keep their
    identity across exports: importing a newer deck updates them, never duplicates them.
    Needs genanki: pip install 'bonemets[anki]'.
    """
    from bonemets_cli.errors import UsageError
    from bonemets_cli.export.files import write_atomic
    from bonemets_cli.quiz.anki import deck_bytes, deck_items
    from bonemets_cli.quiz.plan import parse_types

    if str(output) == "-":
        raise UsageError("an Anki deck is a binary file: give -o FILE.apkg, not standard output")
    if output.suffix.lower() != ".apkg":
        raise UsageError(
            f"-o {output}: Anki imports decks named .apkg; give a name ending in .apkg"
        )
    catalog = state(ctx).catalog()
    if pathway is not None:
        catalog.get(pathway)  # an unknown pathway is named before anything else
    items = deck_items(catalog, pathway=pathway, types=parse_types(types))
    write_atomic(output, deck_bytes(items))
    terminal(ctx).notice(f"wrote {output}: {len(items)} notes")
