"""``bonemets walk``: a triage refresher step by step, or a scripted replay of a path."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from bonemets_cli.cli.state import state


class WalkFormat(str, Enum):
    rich = "rich"
    plain = "plain"
    markdown = "markdown"
    json = "json"


def walk(  # noqa: PLR0917 - typer passes every option as a parameter
    ctx: typer.Context,
    pathway: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Argument(help="Pathway id (default: the entry point, see 'bonemets list')."),
    ] = None,
    answer: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--answer",
            "-a",
            metavar="NODE=OPTION",
            help="Answer a step without asking (repeatable); NODE is [pathway:]node[.item], "
            "OPTION an id or label.",
        ),
    ] = None,
    answers_file: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--answers",
            metavar="FILE",
            dir_okay=False,
            help="Answers file (YAML/JSON), e.g. a saved --transcript, to replay a walk.",
        ),
    ] = None,
    format: Annotated[
        WalkFormat, typer.Option("--format", "-f", help="Output format.")
    ] = WalkFormat.rich,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain", help="Numbered, colour-free text and typed replies (screen readers)."
        ),
    ] = False,
    transcript: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--transcript",
            metavar="FILE",
            dir_okay=False,
            help="Also write a JSON transcript (answers, outcome, pathway versions, time).",
        ),
    ] = None,
) -> None:
    """Walk a pathway: answer each question, go back, restart, ask why, see the outcome.

    In a terminal it asks with arrow keys (or numbers); with --answer/--answers, or no
    terminal, it runs without prompts. Educational only: never a diagnosis.
    """
    import contextlib
    import datetime as dt

    from bonemets_cli.errors import BonemetsError, UsageError
    from bonemets_cli.ui import console, walkout
    from bonemets_cli.walk.engine import Engine
    from bonemets_cli.walk.session import Ending, WalkSession, choose_start
    from bonemets_cli.walk.summary import summarise
    from bonemets_cli.walk.transcript import (
        ScriptedAnswers,
        build_record,
        build_transcript,
        load_answers,
        parse_answer_flags,
    )

    fmt = WalkFormat.plain.value if plain else format.value
    if transcript is not None and not transcript.resolve().parent.is_dir():
        raise UsageError(f"--transcript {transcript}: folder not found; create it or pick another")
    catalog = state(ctx).catalog()
    engine = Engine(catalog.pathway_set)
    scripted = load_answers(answers_file) if answers_file else ScriptedAnswers({})
    scripted.answers.update(parse_answer_flags(answer or []))
    start = choose_start(engine, pathway, scripted.start)
    scripted.resolve(engine, start.start.pathway)
    prompter = walkout.make_prompter(fmt, engine.pathways, scripted, interactive=sys.stdin.isatty())
    session = WalkSession(engine, start, prompter)
    started = dt.datetime.now(dt.timezone.utc).astimezone()

    def keep_transcript() -> None:
        if transcript is not None:
            finished = dt.datetime.now(dt.timezone.utc).astimezone()
            data = build_transcript(engine, session.state, started=started, finished=finished)
            walkout.save_json(transcript, data)

    try:
        ending = session.run()
        summary = summarise(engine, session.state)
        walkout.show_summary(
            fmt, summary, build_record(engine, session.state), person=prompter.asked_person
        )
        keep_transcript()
        if scripted.unused():
            console.warning_line("answers not used on this path: " + ", ".join(scripted.unused()))
        if ending is Ending.FINISHED and prompter.asked_person and prompter.fallback:
            default = Path(f"bonemets-walk-{session.state.start.pathway}.md")
            prompter.fallback.offer_save(default, lambda p: walkout.save_summary(summary, p))
    except (KeyboardInterrupt, EOFError):
        keep_transcript()
        walkout.interrupted()
        raise typer.Exit(130) from None
    except BonemetsError:
        with contextlib.suppress(BonemetsError):  # the walk's own error is the one to report
            keep_transcript()
        raise
