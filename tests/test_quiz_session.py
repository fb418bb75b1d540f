"""Scoring a round and reading scripted answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from bonemets_cli.errors import PathwayLoadError, UsageError
from bonemets_cli.quiz.items import Choice, ItemType, QuizItem
from bonemets_cli.quiz.session import (
    SKIP,
    Result,
    ScriptedAnswerer,
    Session,
    load_quiz_answers,
    resolve_answers,
)


def item(n: int) -> QuizItem:
    return QuizItem(
        id=f"bank:item-{n}",
        type=ItemType.BANK,
        pathway="bank",
        stage="general",
        question=f"Question {n}?",
        choices=(Choice("Alpha"), Choice("Beta", True), Choice("Gamma")),
        explanation="Beta is right.",
    )


ITEMS = [item(n) for n in range(1, 5)]


def test_answers_by_number_id_letter_or_text() -> None:
    chosen = resolve_answers(
        ITEMS, {1: "B", 2: "a", "bank:item-3": "gamma", 4: " Beta "}, "answers.yaml"
    )
    assert chosen == {1: 1, 2: 0, 3: 2, 4: 1}


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({5: "A"}, "item 5 is not in this quiz (it has 4 items)"),
        ({"bank:nope": "A"}, "item 'bank:nope' is not in this quiz"),
        ({1: "D"}, "'D' is not one of the options; answer with A, B, C"),
        ({2: "Delta"}, "'Delta' is not one of the options"),
    ],
)
def test_answers_that_fit_nothing_are_usage_errors(
    answers: dict[int | str, str], message: str
) -> None:
    with pytest.raises(UsageError, match=r"answers\.yaml") as caught:
        resolve_answers(ITEMS, answers, "answers.yaml")
    assert message in str(caught.value)


def test_scripted_round_scores_records_and_skips_unanswered() -> None:
    recorded: list[tuple[str, str, bool]] = []
    shown: list[Result] = []
    session = Session(ITEMS, record=lambda i, text, ok, _s: recorded.append((i.id, text, ok)))
    session.run(ScriptedAnswerer({1: 1, 2: 0, 4: 1}, on_result=shown.append))
    assert recorded == [
        ("bank:item-1", "Beta", True),
        ("bank:item-2", "Alpha", False),
        ("bank:item-4", "Beta", True),
    ]
    assert session.score == (2, 3)
    assert [r.answered for r in session.results] == [True, True, False, True]
    assert [r.number for r in shown] == [1, 2, 4]
    assert not session.stopped


class QuitsAfter:
    def __init__(self, answers: int) -> None:
        self.left = answers

    def ask(self, number: int, total: int, item: QuizItem) -> int | None:
        if self.left == 0:
            return None
        self.left -= 1
        return 1

    def show(self, result: Result) -> None:
        pass


def test_quitting_stops_the_round_and_keeps_answers() -> None:
    recorded: list[str] = []
    session = Session(ITEMS, record=lambda i, _t, _ok, _s: recorded.append(i.id)).run(QuitsAfter(2))
    assert session.stopped
    assert recorded == ["bank:item-1", "bank:item-2"]
    assert session.score == (2, 2)
    assert SKIP not in [r.chosen for r in session.results]


def test_answers_file_yaml_and_json(tmp_path: Path) -> None:
    yaml_file = tmp_path / "a.yaml"
    yaml_file.write_text("answers:\n  1: B\n  bank:item-2: Alpha\n  3: 2\n")
    assert load_quiz_answers(yaml_file) == ({1: "B", "bank:item-2": "Alpha", 3: "2"}, None)
    json_file = tmp_path / "a.json"
    json_file.write_text('{"answers": {"1": "c", "bank:item-4": "Beta", "5": ""}}')
    assert load_quiz_answers(json_file) == ({1: "c", "bank:item-4": "Beta"}, None)


def test_an_answers_file_can_name_its_quiz_and_leave_answers_blank(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text('quiz: {seed: 7, count: 3, types: [bank]}\nanswers:\n  1: A\n  2: ""\n  3:\n')
    answers, named = load_quiz_answers(path)
    assert answers == {1: "A"}
    assert named is not None
    assert (named.seed, named.count, named.pathway, named.types) == (7, 3, None, ["bank"])
    assert named.settle(None, None, None, None, "a.yaml") == (7, 3, None, ["bank"])
    assert named.settle(7, 3, None, ["bank"], "a.yaml") == (7, 3, None, ["bank"])
    with pytest.raises(UsageError, match="is for the quiz with --count 3"):
        named.settle(None, 5, None, None, "a.yaml")
    bad = tmp_path / "b.yaml"
    bad.write_text("quiz: {count: 3}\nanswers: {}\n")
    with pytest.raises(PathwayLoadError, match="seed"):
        load_quiz_answers(bad)


def test_answers_file_faults_have_a_location(tmp_path: Path) -> None:
    bad = tmp_path / "a.yaml"
    bad.write_text("answers:\n  1: B\nextra: 1\n")
    with pytest.raises(PathwayLoadError) as caught:
        load_quiz_answers(bad)
    assert str(caught.value).startswith(f"{bad}:3:1: unknown key 'extra'")
