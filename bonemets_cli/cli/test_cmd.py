"""``bonemets test``: run authors' case files, report failures and coverage."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from bonemets_cli.cli.options import Output, TestFormat
from bonemets_cli.cli.state import state, terminal


def run_tests(  # noqa: PLR0917 - a typer command takes its options as parameters
    ctx: typer.Context,
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Argument(
            help="Case files (NAME.cases.yaml) or folders holding them (default: those "
            "beside every loaded pathway). A folder's pathways are loaded too.",
            exists=True,
            metavar="PATH...",
        ),
    ] = None,
    format: Annotated[
        TestFormat, typer.Option("--format", "-f", help="Report format.")
    ] = TestFormat.text,
    output: Output = None,
    min_coverage: Annotated[
        Optional[float],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--min-coverage",
            min=0,
            max=100,
            metavar="PERCENT",
            help="Fail when the cases exercise less than this share of the nodes, "
            "options and score bands of the pathways they test.",
        ),
    ] = None,
    generate: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--generate",
            metavar="PATHWAY",
            help="Instead of running cases, write a case file pinning every route of "
            "this pathway as the walk takes it today (repeatable).",
        ),
    ] = None,
) -> None:
    """Run case files: each case's answers must lead where it expects.

    A case gives answers (node: option, node.item: choice) and what must follow: the
    outcome, its urgency or 'at_least' an urgency, red flags, steps (not) asked. Exit 1
    when a case fails, a case file is broken or coverage is below --min-coverage.
    """
    from bonemets_cli.export.files import STDOUT, write_text

    st = state(ctx)
    term = terminal(ctx)
    dirs = [*st.pathways_dirs, *(p for p in paths or [] if p.is_dir())]

    def emit(text: str) -> None:
        if output is None or str(output) == STDOUT:
            term.write(text)
        else:
            write_text(output, text)

    if generate:
        from bonemets_cli.errors import UsageError
        from bonemets_cli.load.catalog import load_catalog, search_dirs
        from bonemets_cli.walk.pin import generate as pin

        if format is not TestFormat.text or min_coverage is not None:
            raise UsageError("--generate writes a case file: drop --format and --min-coverage")
        catalog = load_catalog(search_dirs(dirs))
        catalog.raise_errors()
        for pid in generate:
            catalog.get(pid)
        emit(pin(catalog.pathway_set, list(dict.fromkeys(generate))))
        return
    from bonemets_cli.ui import testreport
    from bonemets_cli.walk.suite import run_suite

    result = run_suite(paths or [], st.pathways_dirs)
    if format is TestFormat.junit:
        emit(testreport.as_junit(result))
    elif format is TestFormat.github:
        emit(testreport.as_github(result))
    elif format is TestFormat.lcov:
        emit(testreport.as_lcov(result.coverage))
    else:
        emit(testreport.as_text(result))
    if format is not TestFormat.text:  # the verdict stays on the terminal
        term.stderr.write(testreport.summary(result) + "\n")
        term.stderr.write(testreport.coverage_line(result.coverage) + "\n")
    low = min_coverage is not None and result.coverage.percent < min_coverage
    if low:
        term.error(
            f"coverage {result.coverage.percent:.1f}% is below --min-coverage {min_coverage:g}"
        )
    if result.failed or result.load_errors or low:
        raise typer.Exit(1)
