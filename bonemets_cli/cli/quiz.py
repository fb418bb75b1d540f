"""``bonemets quiz``: test yourself on the pathways; wrong answers come back sooner."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from bonemets_cli.cli.options import DataDir, QuizFormat
from bonemets_cli.cli.state import state, terminal

if TYPE_CHECKING:
    from bonemets_cli.quiz.case import Case, CaseRound, CaseStep
    from bonemets_cli.quiz.items import QuizItem
    from bonemets_cli.quiz.plan import QuizRequest


def quiz(  # noqa: PLR0917 - a typer command takes its options as parameters
    ctx: typer.Context,
    pathway: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--pathway", "-p", help="Only this pathway (see 'bonemets list').", metavar="ID"
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
            help="next-step, urgency, score or bank (repeat or comma-separate; default all), "
            "or case alone: case scenarios, -n of them.",
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
    data_dir: DataDir = None,
) -> None:
    """Quiz yourself: next step, urgency, score and fact questions, each with its source.

    Every answer is saved at once and scheduled for review (FSRS): 'bonemets quiz --due'
    asks what is due, 'bonemets progress' shows how you are doing. '--type case' follows
    patients step by step, scoring missed red flags hardest.
    """
    from bonemets_cli.errors import BonemetsError, UsageError
    from bonemets_cli.quiz.items import ItemType
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
    if request.types == (ItemType.CASE,):
        quiz_cases(ctx, request, format, scripted, answers, data_dir)
        return
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
            session.run(ScriptedAnswerer(resolve_answers(plan.items, scripted, str(answers))))
            if format is QuizFormat.json:
                term.write(quiz_views.session_json(session, plan.seed))
            else:
                out.print(*(quiz_views.result_view(r, len(plan.items)) for r in session.results))
                term.write(quiz_views.summary_line(session, plan.seed))
            return
        from bonemets_cli.ui.quiz_prompt import TerminalAnswerer

        if due:
            out.print(
                f"{plan.due} item(s) due for review, then new ones."
                if plan.due
                else "Nothing is due for review yet: here are items you have not seen."
            )
        try:
            session.run(TerminalAnswerer(out))
        except KeyboardInterrupt:
            saved = len(session.answered)
            term.notice(f"interrupted: {saved} answer(s) saved in {store.path}")
            raise typer.Exit(130) from None
        if session.stopped:
            out.print(f"Stopped: {len(session.answered)} answer(s) saved.")
        term.write(quiz_views.summary_line(session, plan.seed))


def quiz_cases(  # noqa: PLR0917 - the options the command parsed
    ctx: typer.Context,
    request: QuizRequest,
    format: QuizFormat,
    scripted: dict[int | str, str] | None,
    answers: Path | None,
    data_dir: Path | None,
) -> None:
    """``quiz --type case``: plan the cases, then walk them with the store recording."""
    from bonemets_cli.errors import UsageError
    from bonemets_cli.quiz.case import CaseRound
    from bonemets_cli.quiz.plan import plan_cases
    from bonemets_cli.quiz.store import Store
    from bonemets_cli.quiz.store import data_dir as resolve_data_dir

    if format is QuizFormat.json:
        raise UsageError("--format json is for question quizzes, not --type case")
    cases, seed = plan_cases(state(ctx).catalog(), request)
    with Store.in_folder(resolve_data_dir(data_dir)) as store:
        run_cases(ctx, CaseRound(cases, record=store.record), seed, scripted, answers)


def run_cases(
    ctx: typer.Context,
    rounds: CaseRound,
    seed: int,
    scripted: dict[int | str, str] | None,
    answers: Path | None,
) -> None:
    """Walk the cases: a heading per case, feedback and the safety note after each step,
    each case's score at the end (every step and each case are saved as they finish)."""
    from bonemets_cli.quiz.session import SKIP, Result, resolve_answers
    from bonemets_cli.ui import quiz_views

    term = terminal(ctx)
    out = term.console()

    def begin(number: int, case: Case) -> None:
        out.print(f"Case {number} of {len(rounds.cases)}: {len(case.steps)} steps")

    def show(case_number: int, number: int, step: CaseStep, chosen: int) -> None:
        result = Result(number, step.item, chosen)
        out.print(
            quiz_views.result_view(result, total)
            if scripted is not None
            else quiz_views.feedback_view(result)
        )
        term.write(step.note(chosen))

    total = len(rounds.items)
    if scripted is not None:
        chosen = resolve_answers(rounds.items, scripted, str(answers))

        def ask(number: int, _total: int, _item: QuizItem) -> int | None:
            return chosen.get(number, SKIP)

        rounds.run(ask, show, begin)
    else:
        from bonemets_cli.ui.quiz_prompt import TerminalAnswerer

        answerer = TerminalAnswerer(out)
        try:
            rounds.run(answerer.ask, show, begin)
        except KeyboardInterrupt:
            term.notice("interrupted: the steps answered so far are saved")
            raise typer.Exit(130) from None
    if rounds.stopped:
        out.print("Stopped: the steps answered so far are saved.")
    for number, result in enumerate(rounds.results, start=1):
        state_word = "passed" if result.passed else "not passed"
        done = "" if result.complete else " (not finished)"
        term.write(f"Case {number}: {result.summary()}; {state_word}{done}.")
    term.write(f"Seed {seed} (use --seed {seed} for the same cases).")
