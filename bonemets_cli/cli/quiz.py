"""``bonemets quiz``: test yourself on the pathways; wrong answers come back sooner."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from bonemets_cli.cli.options import DataDir, QuizFormat, complete_pathway
from bonemets_cli.cli.state import state, terminal


def quiz(  # noqa: PLR0917 - a typer command takes its options as parameters
    ctx: typer.Context,
    pathway: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--pathway",
            "-p",
            help="Only this pathway (see 'bonemets list').",
            metavar="ID",
            autocompletion=complete_pathway,
        ),
    ] = None,
    count: Annotated[int, typer.Option("--count", "-n", min=1, help="How many questions.")] = 10,
    seed: Annotated[
        Optional[int],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option("--seed", help="Same seed, same quiz (default: a new one, shown at the end)."),
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
    due: Annotated[
        bool, typer.Option("--due", help="Ask what is due for review first, then new items.")
    ] = False,
    answers: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--answers",
            help="Answer without prompts from a YAML/JSON file: 'answers: {1: B, ITEM_ID: option text}'.",
            exists=True,
            dir_okay=False,
            metavar="FILE",
        ),
    ] = None,
    format: Annotated[
        QuizFormat, typer.Option("--format", "-f", help="Output (json needs --answers).")
    ] = QuizFormat.text,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain", help="Lettered, colour-free text and typed replies (screen readers)."
        ),
    ] = False,
    data_dir: DataDir = None,
) -> None:
    """Quiz yourself: next step, urgency, score and fact questions, each with its source.

    Every answer is saved at once and scheduled for review (FSRS): 'bonemets quiz --due'
    asks what is due, 'bonemets progress' shows how you are doing.
    """
    from bonemets_cli.errors import BonemetsError, UsageError
    from bonemets_cli.quiz.plan import QuizRequest, parse_types, plan_quiz
    from bonemets_cli.quiz.session import (
        ScriptedAnswerer,
        Session,
        load_quiz_answers,
        resolve_answers,
    )
    from bonemets_cli.quiz.store import Store
    from bonemets_cli.quiz.store import data_dir as resolve_data_dir
    from bonemets_cli.ui import quiz_views

    term = terminal(ctx)

    request = QuizRequest(pathway, count, seed, parse_types(types), due)
    if format is QuizFormat.json and answers is None:
        raise UsageError("--format json needs --answers FILE (it prints a marked sheet)")
    scripted = load_quiz_answers(answers) if answers is not None else None
    catalog = state(ctx).catalog()
    if pathway is not None:
        catalog.get(pathway)  # an unknown pathway is named before anything else
    if scripted is None and not term.interactive:
        raise BonemetsError(
            "no terminal to ask in: run 'bonemets quiz' in a terminal, or give --answers FILE"
        )
    with Store.in_folder(resolve_data_dir(data_dir)) as store:
        plan = plan_quiz(catalog, request, store)
        for pid, why in plan.skipped.items():
            term.warning(f"pathway '{pid}' is left out of the quiz: {why}; run 'bonemets validate'")
        if plan.nothing_due_note:
            term.write(plan.nothing_due_note)
            return
        session = Session(plan.items, record=store.record)
        out = term.console()
        if scripted is not None:
            chosen = resolve_answers(plan.items, scripted, str(answers))
            session.run(ScriptedAnswerer(chosen))
            if format is QuizFormat.json:
                term.write(quiz_views.session_json(session, plan.seed))
            else:
                for result in session.results:
                    out.print(quiz_views.result_view(result, len(plan.items)))
                term.write(quiz_views.summary_line(session, plan.seed))
            return
        from bonemets_cli.ui.quiz_prompt import PlainAnswerer, TerminalAnswerer

        say = term.write if plain else out.print
        if due:
            say(
                f"{plan.due} item(s) due for review, then new ones."
                if plan.due
                else "Nothing is due for review yet: here are items you have not seen."
            )
        answerer = (
            PlainAnswerer(out=term.stdout, width=out.width) if plain else TerminalAnswerer(out)
        )
        try:
            session.run(answerer)
        except KeyboardInterrupt:
            saved = len(session.answered)
            term.notice(f"interrupted: {saved} answer(s) saved in {store.path}")
            raise typer.Exit(130) from None
        if session.stopped:
            say(f"Stopped: {len(session.answered)} answer(s) saved.")
        term.write(quiz_views.summary_line(session, plan.seed))
