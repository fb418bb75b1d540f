"""``bonemets quiz``: test yourself on the pathways; wrong answers come back sooner."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from bonemets_cli.cli.options import QUESTION_TYPES, DataDir, OnlyPathway, QuizFormat
from bonemets_cli.cli.state import state, terminal

DEFAULT_COUNT = 10

if TYPE_CHECKING:
    import datetime as dt

    from rich.console import Console

    from bonemets_cli.quiz.case import Case, CaseRound, CaseStep
    from bonemets_cli.quiz.items import QuizItem
    from bonemets_cli.quiz.plan import QuizPlan, QuizRequest
    from bonemets_cli.quiz.session import Session
    from bonemets_cli.quiz.store import Store
    from bonemets_cli.ui.terminal import Terminal


def quiz(  # noqa: PLR0917 - a typer command takes its options as parameters
    ctx: typer.Context,
    pathway: OnlyPathway = None,
    count: Annotated[
        Optional[int],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option("--count", "-n", min=1, help="How many questions [default: 10].", metavar="N"),
    ] = None,
    seed: Annotated[
        Optional[int],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option("--seed", help="Same seed, same quiz (default: a new one, shown at the end)."),
    ] = None,
    types: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--type",
            "-t",
            help=f"{QUESTION_TYPES}, or case alone: case scenarios, -n of them.",
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
            help="Answer without prompts from a YAML/JSON file: 'answers: {1: B, ITEM_ID: option "
            "text}', and optionally 'quiz: {seed: 7, count: 10}' (as --sheet writes it).",
            exists=True,
            dir_okay=False,
            metavar="FILE",
        ),
    ] = None,
    sheet: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--sheet",
            help="Print the quiz for an examiner instead of asking it: FILE (.md or .pdf) "
            "gets the questions, FILE-key the answer key, FILE-answers.yaml an answers "
            "file to fill in and mark with --answers.",
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
    asks what is due, 'bonemets progress' shows how you are doing. '--type case' follows
    patients step by step, scoring missed red flags hardest.
    """
    from bonemets_cli.errors import BonemetsError, UsageError
    from bonemets_cli.quiz.items import ItemType
    from bonemets_cli.quiz.plan import QuizRequest, parse_types, plan_quiz
    from bonemets_cli.quiz.session import Session, load_quiz_answers, resolve_answers
    from bonemets_cli.quiz.store import Store
    from bonemets_cli.quiz.store import data_dir as resolve_data_dir

    term = terminal(ctx)

    if format is QuizFormat.json and answers is None:
        raise UsageError("--format json needs --answers FILE (it prints a marked sheet)")
    if sheet is not None and (answers is not None or due):
        raise UsageError("--sheet prints a quiz to answer on paper: leave out --answers and --due")
    scripted, named = load_quiz_answers(answers) if answers is not None else (None, None)
    if named is not None:  # the answers file names its quiz (a printed sheet's)
        seed, count, pathway, types = named.settle(seed, count, pathway, types, str(answers))
    request = QuizRequest(pathway, count or DEFAULT_COUNT, seed, parse_types(types), due)
    catalog = state(ctx).catalog()
    if pathway is not None:
        catalog.get(pathway)  # an unknown pathway is named before anything else
    if request.types == (ItemType.CASE,):
        quiz_cases(ctx, request, format, scripted, answers, data_dir, sheet=sheet, plain=plain)
        return
    if sheet is not None:
        from bonemets_cli.cli.quiz_sheet import print_sheet

        print_sheet(term, sheet, plan_quiz(catalog, request, None), request)
        return
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
        out = term.console()
        if scripted is not None:
            chosen = resolve_answers(plan.items, scripted, str(answers))
            session = Session(plan.items, record=store.record)
            _mark(term, out, session, chosen=chosen, plan=plan, format=format)
            return
        _ask(term, out, plan, store, plain=plain, due=due)


def quiz_cases(  # noqa: PLR0917 - the options the command parsed
    ctx: typer.Context,
    request: QuizRequest,
    format: QuizFormat,
    scripted: dict[int | str, str] | None,
    answers: Path | None,
    data_dir: Path | None,
    *,
    sheet: Path | None = None,
    plain: bool = False,
) -> None:
    """``quiz --type case``: plan the cases, then walk them with the store recording."""
    from bonemets_cli.errors import BonemetsError, UsageError
    from bonemets_cli.quiz.case import CaseRound
    from bonemets_cli.quiz.plan import plan_cases
    from bonemets_cli.quiz.store import Store
    from bonemets_cli.quiz.store import data_dir as resolve_data_dir

    if format is QuizFormat.json or sheet is not None:
        raise UsageError("--format json and --sheet are for question quizzes, not --type case")
    if scripted is None and not terminal(ctx).interactive:
        raise BonemetsError(
            "no terminal to ask in: run 'bonemets quiz' in a terminal, or give --answers FILE"
        )
    cases, seed = plan_cases(state(ctx).catalog(), request)
    with Store.in_folder(resolve_data_dir(data_dir)) as store:
        run_cases(ctx, CaseRound(cases, record=store.record), seed, scripted, answers, plain=plain)


def run_cases(
    ctx: typer.Context,
    rounds: CaseRound,
    seed: int,
    scripted: dict[int | str, str] | None,
    answers: Path | None,
    *,
    plain: bool = False,
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
        if plain and scripted is None:  # numbered lines, no colour: as the plain answerer
            term.write(quiz_views.feedback_text(result))
        else:
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
        from bonemets_cli.ui.quiz_prompt import PlainAnswerer, TerminalAnswerer

        answerer = (
            PlainAnswerer(out=term.stdout, width=out.width) if plain else TerminalAnswerer(out)
        )
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


def _mark(
    term: Terminal,
    out: Console,
    session: Session,
    *,
    chosen: dict[int, int],
    plan: QuizPlan,
    format: QuizFormat,
) -> None:
    """A scripted round: every item marked, as a JSON sheet or as text."""
    import datetime as dt

    from bonemets_cli.quiz.session import ScriptedAnswerer
    from bonemets_cli.ui import quiz_views

    session.run(ScriptedAnswerer(chosen))
    if format is QuizFormat.json:
        term.write(quiz_views.session_json(session, plan.seed, reviews=plan.reviews))
        return
    for result in session.results:
        review = None if plan.reviews is None else result.item.id in plan.reviews
        out.print(quiz_views.result_view(result, len(plan.items), review=review))
    _round_review(out, session, dt.datetime.now(dt.timezone.utc))
    term.write(quiz_views.summary_line(session, plan.seed))


def _ask(
    term: Terminal, out: Console, plan: QuizPlan, store: Store, *, plain: bool, due: bool
) -> None:
    """A round asked in the terminal: with the arrow-key prompt, or plain lines."""
    import time

    from bonemets_cli.quiz.session import Session
    from bonemets_cli.ui import quiz_views
    from bonemets_cli.ui.quiz_prompt import PlainAnswerer, TerminalAnswerer

    if plain:  # no escape codes at all, whatever the colour settings
        from rich.console import Console

        out = Console(file=term.stdout, width=out.width, color_system=None, highlight=False)
    session = Session(plan.items, record=store.record, clock=time.monotonic)
    say = term.write if plain else out.print
    if due:
        say(
            f"{plan.due} item(s) due for review, then new ones."
            if plan.due
            else "Nothing is due for review yet: here are items you have not seen."
        )
    answerer = (
        PlainAnswerer(out=term.stdout, width=out.width, reviews=plan.reviews)
        if plain
        else TerminalAnswerer(out, plan.reviews)
    )
    try:
        session.run(answerer)
    except KeyboardInterrupt:
        saved = len(session.answered)
        term.notice(f"interrupted: {saved} answer(s) saved in {store.path}")
        raise typer.Exit(130) from None
    if session.stopped:
        say(f"Stopped: {len(session.answered)} answer(s) saved.")
    _round_review(out, session, store.clock())
    term.write(quiz_views.summary_line(session, plan.seed))


def _round_review(out: Console, session: Session, now: dt.datetime) -> None:
    """What was missed, and when each item comes back."""
    from bonemets_cli.ui import quiz_views

    view = quiz_views.round_review(session, now)
    if view is not None:
        out.print(view)
