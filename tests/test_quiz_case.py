"""Case scenarios (``quiz --type case``): one patient step by step, scored for safety."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from clihelp import run_bonemets
from quizhelp import catalog_for, link_of

from bonemets_cli.errors import UsageError
from bonemets_cli.load.catalog import builtin_dir
from bonemets_cli.model import OutcomeNode, Urgency
from bonemets_cli.quiz.case import (
    MISSED_RED_FLAG,
    OVER,
    RIGHT,
    UNDER,
    CaseResult,
    CaseRound,
    CaseStep,
    build_cases,
)
from bonemets_cli.quiz.items import Choice, ItemType, QuizItem
from bonemets_cli.quiz.plan import parse_types

PATHWAYS = catalog_for(builtin_dir()).pathway_set


def urgency_step(right: Urgency, *, red_flag: bool) -> CaseStep:
    item = QuizItem(
        id="urgency:test:x=y",
        type=ItemType.URGENCY,
        pathway="test",
        stage="symptoms",
        question="A case.\nHow urgent is this?",
        choices=tuple(Choice(u.word, u is right) for u in Urgency),
        explanation="Because.",
    )
    return CaseStep(item, tuple(Urgency), red_flag)


def test_missing_a_red_flag_costs_more_than_over_triaging() -> None:
    step = urgency_step(Urgency.URGENT, red_flag=True)
    index = {u: i for i, u in enumerate(Urgency)}
    assert step.points(index[Urgency.URGENT]) == RIGHT
    assert step.points(index[Urgency.EMERGENCY]) == OVER  # safe but costly
    assert step.points(index[Urgency.ROUTINE]) == MISSED_RED_FLAG
    assert MISSED_RED_FLAG < UNDER < OVER < RIGHT
    calm = urgency_step(Urgency.URGENT, red_flag=False)
    assert calm.points(index[Urgency.ROUTINE]) == UNDER  # wrong, but no red flag to miss
    assert "red flag missed" in step.note(index[Urgency.SOON])
    assert "safe" in step.note(index[Urgency.EMERGENCY])


def test_a_case_score_weighs_safety_and_never_goes_below_zero() -> None:
    from bonemets_cli.quiz.case import Case

    steps = (
        urgency_step(Urgency.URGENT, red_flag=True),
        urgency_step(Urgency.SOON, red_flag=False),
    )
    case = Case("case:test", "test", "symptoms", steps)
    index = {u: i for i, u in enumerate(Urgency)}
    over = CaseResult(case, [index[Urgency.EMERGENCY], index[Urgency.SOON]])
    missed = CaseResult(case, [index[Urgency.ROUTINE], index[Urgency.SOON]])
    assert (over.points, over.missed_red_flags, over.passed) == (OVER + RIGHT, 0, True)
    assert (missed.points, missed.missed_red_flags, missed.passed) == (0, 1, False)
    assert "1 red flag(s) missed" in missed.summary()


def test_cases_walk_a_route_step_by_step_with_the_same_patient() -> None:
    cases = build_cases(PATHWAYS, 6, seed=4)
    assert len(cases) == 6
    assert [c.id for c in cases] == [c.id for c in build_cases(PATHWAYS, 6, seed=4)]
    assert [c.id for c in cases] != [c.id for c in build_cases(PATHWAYS, 6, seed=5)]
    for case in cases:
        assert len(case.steps) >= 2
        last = case.steps[-1]
        assert last.item.type is ItemType.URGENCY  # the case ends with how urgent it is
        _, link = link_of(PATHWAYS, last.item.id)
        outcome = PATHWAYS.node(link.target)
        assert isinstance(outcome, OutcomeNode)
        assert last.item.correct_text == outcome.urgency.word
        assert last.red_flag or outcome.urgency is not Urgency.EMERGENCY
        openings = [s for s in case.steps if "year-old" in s.item.question]
        assert openings == [case.steps[0]]  # one patient: introduced once, then new findings
        for step in case.steps:
            assert sum(c.correct for c in step.item.choices) == 1
            assert step.item.citations
            assert len(step.triage) == len(step.item.choices)
            if step.item.type is ItemType.NEXT_STEP and step.red_flag:
                right = step.triage[step.item.correct_index]
                assert right is not None


def test_a_neurological_case_scores_the_routine_choice_as_a_missed_red_flag() -> None:
    for seed in range(40):
        for case in build_cases(PATHWAYS, 4, seed=seed):
            for step in case.steps:
                texts = [c.text for c in step.item.choices]
                if "Raise it at the next planned appointment" in texts and "MSCC" in (
                    step.item.correct_text
                ):
                    assert step.red_flag
                    assert step.points(texts.index("Raise it at the next planned appointment")) == (
                        MISSED_RED_FLAG
                    )
                    return
    pytest.fail("no case reached the MSCC emergency in 40 seeds")


def test_case_cannot_be_mixed_with_question_types() -> None:
    assert parse_types(["case"]) == (ItemType.CASE,)
    with pytest.raises(UsageError, match="on their own"):
        parse_types(["case,urgency"])
    assert ItemType.CASE not in parse_types(None)


def test_quiz_type_case_marks_each_step_and_stores_the_case_score(tmp_path: Path) -> None:
    cases = build_cases(PATHWAYS, 2, seed=9)
    steps = [s for c in cases for s in c.steps]
    answers = tmp_path / "answers.yaml"
    lines = [f"  {n}: {chr(65 + s.item.correct_index)}" for n, s in enumerate(steps, start=1)]
    answers.write_text("answers:\n" + "\n".join(lines) + "\n", encoding="utf-8")
    data = tmp_path / "data"
    args = ("quiz", "--type", "case", "-n", "2", "--seed", "9", "--answers", answers)
    result = run_bonemets(*args, "--data-dir", data)
    assert result.returncode == 0, result.stderr
    assert "Case 1 of 2" in result.stdout
    assert result.stdout.count("+2: right.") == len(steps)
    assert "Source: " in result.stdout
    most = [2 * len(c.steps) for c in cases]
    assert f"Case 1: {most[0]}/{most[0]} points; no red flag missed; passed." in result.stdout
    with sqlite3.connect(data / "quiz.sqlite3") as conn:
        rows = conn.execute("SELECT item_id, correct, chosen FROM reviews").fetchall()
        types = dict(conn.execute("SELECT item_id, type FROM items").fetchall())
    stored_cases = [r for r in rows if r[0].startswith("case:")]
    assert sorted(r[0] for r in stored_cases) == sorted(c.id for c in cases)
    assert all(r[1] == 1 and "points" in r[2] for r in stored_cases)
    assert len(rows) == len(steps) + len(cases)  # every step, then each case's score
    assert {types[c.id] for c in cases} == {"case"}


def test_quiz_type_case_refuses_json_and_due(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("answers: {1: A}\n", encoding="utf-8")
    base = ("quiz", "--type", "case", "--answers", answers, "--data-dir", tmp_path / "d")
    json_run = run_bonemets(*base, "--format", "json")
    assert json_run.returncode == 2
    assert "not --type case" in json_run.stderr
    due_run = run_bonemets(*base, "--due")
    assert due_run.returncode == 2
    assert "--due" in due_run.stderr
    assert "Traceback" not in json_run.stderr + due_run.stderr


def test_a_round_stops_on_quit_and_keeps_what_was_answered() -> None:
    cases = build_cases(PATHWAYS, 2, seed=3)
    recorded: list[str] = []
    answers = iter([cases[0].steps[0].item.correct_index, None])
    done = CaseRound(cases, record=lambda item, _c, _ok: recorded.append(item.id)).run(
        lambda _n, _t, _i: next(answers), lambda *_: None
    )
    assert done.stopped
    assert recorded == [cases[0].steps[0].item.id]  # the unfinished case's score is not stored


@pytest.mark.slow
def test_a_case_in_a_real_terminal(tmp_path: Path) -> None:
    """The interactive prompt, in a pty: each step asked, marked with its safety note."""
    import os

    import pexpect
    from quizhelp import BONEMETS

    (case,) = build_cases(PATHWAYS, 1, seed=9)
    env = {k: v for k, v in os.environ.items() if not k.startswith("BONEMETS_")}
    env.update(NO_COLOR="1", COLUMNS="100", TERM="xterm")
    child: pexpect.spawn[str] = pexpect.spawn(
        BONEMETS,
        ["quiz", "--type", "case", "-n", "1", "--seed", "9", "--data-dir", str(tmp_path)],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 120),
    )
    child.expect("Case 1 of 1")
    first, *rest = case.steps
    wrong = next(i for i in range(len(first.item.choices)) if i != first.item.correct_index)
    child.expect("Your answer to question 1:")
    child.send(chr(97 + wrong) + "\r")
    child.expect("WRONG")
    child.expect(r"(\+1|\+0|-2): ")
    for number, step in enumerate(rest, start=2):
        child.expect(f"Your answer to question {number}:")
        child.send(chr(97 + step.item.correct_index) + "\r")
        child.expect(r"\+2: right\.")
    child.expect(r"Case 1: \d+/\d+ points")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    with sqlite3.connect(tmp_path / "quiz.sqlite3") as conn:
        ids = [r[0] for r in conn.execute("SELECT item_id FROM reviews ORDER BY id")]
    assert ids == [s.item.id for s in case.steps] + [case.id]


def test_a_plain_case_round_prints_no_escape_code(tmp_path: Path) -> None:
    """``quiz --type case --plain`` in a colour terminal: lettered lines and the feedback
    as text, as the plain question quiz prints it: no escape code anywhere."""
    import os

    import pexpect
    from quizhelp import BONEMETS

    (case,) = build_cases(PATHWAYS, 1, seed=9)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR",) and "BONEMETS_" not in k}
    env.update(COLUMNS="100", TERM="xterm-256color", FORCE_COLOR="1")
    args = ["quiz", "--type", "case", "-n", "1", "--seed", "9", "--plain"]
    child: pexpect.spawn[str] = pexpect.spawn(
        BONEMETS,
        [*args, "--data-dir", str(tmp_path)],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 120),
    )
    seen = ""
    for number, step in enumerate(case.steps, start=1):
        child.expect(rf"(?i)answer.*{number}|\? ")
        assert isinstance(child.before, str)
        assert isinstance(child.after, str)
        seen += child.before + child.after
        child.send(chr(97 + step.item.correct_index) + "\r")
    child.expect(pexpect.EOF)
    assert isinstance(child.before, str)
    seen += child.before
    child.close()
    assert child.exitstatus == 0, seen
    assert "RIGHT" in seen.upper()
    assert "\x1b[" not in seen.replace("\x1b[?", "")  # (a pty's own mode switches aside)
