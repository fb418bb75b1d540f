"""``bonemets export``: the pathways and quiz items in other forms, one subcommand each
(``export html``: an offline web page; ``export anki``: an Anki deck).

The group is a Typer app of its own; a new form is one more function here with
``@app.command``. Each subcommand imports its heavy code inside its function, so
``bonemets export --help`` stays light.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from bonemets_cli.cli.options import QUESTION_TYPES, OnlyPathway
from bonemets_cli.cli.state import state, terminal

app = typer.Typer(
    name="export",
    help="Export the pathways and quiz items in other forms: an offline web page, an Anki deck.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
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


@app.command("anki")
def anki(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The deck file to write (.apkg).", metavar="FILE"),
    ],
    pathway: OnlyPathway = None,
    types: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--type",
            "-t",
            help=f"{QUESTION_TYPES}.",
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
