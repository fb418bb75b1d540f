"""``bonemets leaflet``: printable leaflets for patients, families and ward reference."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from bonemets_cli.cli.options import LeafletFormat, PaperSize, complete_pathway
from bonemets_cli.cli.state import state, terminal


def leaflet(  # noqa: PLR0917 - a typer command takes its options as parameters
    ctx: typer.Context,
    pathway: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Argument(
            help="Pathway id (see 'bonemets list'); omit with --all.",
            metavar="PATHWAY",
            autocompletion=complete_pathway,
        ),
    ] = None,
    format: Annotated[
        Optional[LeafletFormat],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--format",
            "-f",
            help="Output format; default: from the -o file's extension, else md.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--output",
            "-o",
            help="File to write (a folder with --all); default: standard output.",
            metavar="PATH",
        ),
    ] = None,
    answers: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--answers",
            help="A walk transcript or answers file: a personal leaflet for that one path.",
            metavar="FILE",
        ),
    ] = None,
    all_pathways: Annotated[
        bool, typer.Option("--all", help="Every pathway's leaflet plus an index, into -o DIR.")
    ] = False,
    contacts: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--contacts",
            help="YAML with local numbers (organisation, hotline, ward, out_of_hours, feedback, "
            "other_formats).",
            metavar="FILE",
        ),
    ] = None,
    paper: Annotated[
        PaperSize, typer.Option("--paper", help="Page size for HTML and PDF.")
    ] = PaperSize.a4,
    stamp: Annotated[
        bool,
        typer.Option(
            "--stamp/--no-stamp",
            help="Print the date it was printed (today, or $SOURCE_DATE_EPOCH's date).",
        ),
    ] = True,
) -> None:
    """Print a leaflet: warning signs first, what steps may mean, questions, sources.

    Uses the plain-language text of each step. The same input on the same day gives the
    same output (--no-stamp or $SOURCE_DATE_EPOCH: the same on any day).
    """
    from bonemets_cli.errors import UsageError
    from bonemets_cli.export import render as rd
    from bonemets_cli.export.contacts import load_contacts
    from bonemets_cli.export.files import STDOUT, write_atomic, write_folder

    if all_pathways:
        if pathway or answers:
            raise UsageError("--all makes every pathway's leaflet; drop PATHWAY and --answers")
        if output is None:
            raise UsageError("--all needs an output folder: -o DIR")
    elif pathway is None:
        raise UsageError("name a pathway (see 'bonemets list'), or use --all -o DIR")
    if output is not None and str(output) == STDOUT and not all_pathways:
        output = None
    fmt = rd.format_for(None if all_pathways else output, format.value if format else None)
    if fmt == "pdf" and output is None and not all_pathways:
        raise UsageError("PDF is binary: write it to a file with -o FILE.pdf")
    if output is not None:
        _check_output(output, folder=all_pathways)
    local = load_contacts(contacts) if contacts else None
    today = rd.print_date() if stamp else None
    catalog = state(ctx).catalog()
    if all_pathways:
        assert output is not None
        write_folder(
            output, rd.render_all(catalog, fmt, paper=paper.value, contacts=local, stamp=today)
        )
        return
    assert pathway is not None
    from bonemets_cli.export.leaflet import build_leaflet, build_personal_leaflet

    if answers is not None:
        from bonemets_cli.walk.replay import replay_route
        from bonemets_cli.walk.transcript import load_answers

        route = replay_route(catalog.pathway_set, pathway, load_answers(answers))
        built = build_personal_leaflet(catalog, route, contacts=local, stamp=today)
    else:
        built = build_leaflet(catalog, pathway, contacts=local, stamp=today)
    data = rd.render(built, fmt, paper.value)
    if output is None:
        terminal(ctx).write(data.decode())
    else:
        write_atomic(output, data)


def _check_output(output: Path, *, folder: bool) -> None:
    """Refuse a wrong target before the work of rendering: a missing folder for a file, a
    file where ``--all`` needs a folder (a missing one is created), a non-regular file."""
    from bonemets_cli.export.files import check_folder, target_of

    if folder:
        if output.exists() or output.is_symlink():
            check_folder(output)
        return
    check_folder(output.parent if str(output.parent) else Path())
    target_of(output)
