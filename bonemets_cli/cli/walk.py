"""``bonemets walk``: a triage refresher step by step, or a scripted replay of a path."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from bonemets_cli.cli.options import WalkFormat, complete_pathway
from bonemets_cli.cli.state import state, terminal


def walk(  # noqa: PLR0917 - typer passes every option as a parameter
    ctx: typer.Context,
    pathway: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Argument(
            help="Pathway id (default: the entry point, see 'bonemets list').",
            autocompletion=complete_pathway,
        ),
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
    strict_replay: Annotated[
        bool,
        typer.Option(
            "--strict-replay",
            help="With --answers: refuse a transcript recorded on other pathway versions.",
        ),
    ] = False,
) -> None:
    """Walk a pathway: answer each question, go back, restart, ask why, see the outcome.

    In a terminal it asks with arrow keys (or numbers); with --answer/--answers, or no
    terminal, it runs without prompts. Educational only: never a diagnosis.
    """
    import contextlib

    from bonemets_cli.errors import BonemetsError, UsageError
    from bonemets_cli.ui import walkout
    from bonemets_cli.walk.run import WalkRun
    from bonemets_cli.walk.session import Ending
    from bonemets_cli.walk.transcript import ScriptedAnswers, load_answers, parse_answer_flags

    term = terminal(ctx)
    fmt = WalkFormat.plain.value if plain else format.value
    if transcript is not None and not transcript.resolve().parent.is_dir():
        raise UsageError(f"--transcript {transcript}: folder not found; create it or pick another")
    scripted = load_answers(answers_file) if answers_file else ScriptedAnswers({})
    scripted.answers.update(parse_answer_flags(answer or []))
    walk_run = WalkRun(state(ctx).catalog(), pathway, scripted)
    changed = scripted.changed_versions(walk_run.engine)
    if changed and strict_replay:
        raise UsageError(f"--strict-replay: {changed[0]}; replay it with that version")
    for change in changed:
        term.warning(f"{change}: the replay may differ from the recorded walk")
    prompter = walkout.make_prompter(term, fmt, walk_run.pathways, scripted)

    def keep_transcript() -> None:
        if transcript is not None:
            walkout.save_json(transcript, walk_run.transcript())

    try:
        ending = walk_run.run(prompter)
        summary = walk_run.summary()
        person = prompter.asked_person
        walkout.show_summary(
            term,
            fmt,
            summary,
            walk_run.record(),
            person=person,
            shown=person and ending is Ending.FINISHED,
        )
        keep_transcript()
        if walk_run.unused_answers():
            term.warning("answers not used on this path: " + ", ".join(walk_run.unused_answers()))
    except (KeyboardInterrupt, EOFError):
        keep_transcript()
        walkout.interrupted(term)
        raise typer.Exit(130) from None
    except BonemetsError:
        with contextlib.suppress(BonemetsError):  # the walk's own error is the one to report
            keep_transcript()
        raise
