"""``bonemets diff``: what a change to pathways does to every route's disposition."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from bonemets_cli.cli.options import DiffFormat, Output
from bonemets_cli.cli.state import state, terminal


def diff(  # noqa: PLR0917 - a typer command takes its options as parameters
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="OLD NEW: two pathway files or folders. With --git REV: one file or "
            "folder, compared with itself as it was at REV.",
            exists=True,
            metavar="OLD [NEW]",
        ),
    ],
    git: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--git", metavar="REV", help="Compare with the pathways as at this git revision."
        ),
    ] = None,
    format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="Report format.")
    ] = DiffFormat.markdown,
    output: Output = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Exit 1 when a pathway changed without a version bump, or its routes end "
            "differently without a major version bump.",
        ),
    ] = False,
) -> None:
    """Compare pathways: routes whose outcome or urgency changed (downgrades first), new
    and removed routes, then text, lay text, source and score-band changes per node."""
    import tempfile

    from bonemets_cli.errors import UsageError
    from bonemets_cli.export.files import STDOUT, write_text
    from bonemets_cli.load.catalog import load_catalog, search_dirs
    from bonemets_cli.review.diff import diff as compare
    from bonemets_cli.review.sides import git_checkout, load_side
    from bonemets_cli.ui import diffreport

    fill = load_catalog(search_dirs(state(ctx).pathways_dirs))  # read once, for both sides
    fill.raise_errors()
    with tempfile.TemporaryDirectory(prefix="bonemets-diff-") as tmp:
        if git is not None:
            if len(paths) != 1:
                raise UsageError("with --git REV give one file or folder: the newer side")
            new_path = paths[0]
            old = load_side(git_checkout(git, new_path, Path(tmp)), fill, f"{new_path} at {git}")
        else:
            if len(paths) != 2:
                raise UsageError("give OLD and NEW (files or folders), or --git REV PATH")
            new_path = paths[1]
            old = load_side(paths[0], fill)
        new = load_side(new_path, fill)
        result = compare(old.pathways, old.ids, new.pathways, new.ids)
    render = diffreport.as_json if format is DiffFormat.json else diffreport.as_markdown
    text = render(result, old.name, new.name)
    if output is None or str(output) == STDOUT:
        terminal(ctx).write(text)
    else:
        write_text(output, text)
    if check and result.versions:
        for problem in result.versions:
            terminal(ctx).error(problem.message)
        raise typer.Exit(1)
