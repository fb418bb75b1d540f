"""The walk state machine with no terminal: answers, back, restart, scores, links, replay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bonemets_cli.errors import NotFoundError, UsageError
from bonemets_cli.load.catalog import load_catalog, search_dirs
from bonemets_cli.model import InfoNode, OutcomeNode, PathwaySet, QuestionNode, ScoreNode, Urgency
from bonemets_cli.walk.engine import Engine, WalkError, WalkState
from bonemets_cli.walk.session import choose_start
from bonemets_cli.walk.transcript import build_record, build_transcript, load_answers

VALID = Path(__file__).parent / "data" / "valid"


@pytest.fixture(scope="module")
def engine() -> Engine:
    catalog = load_catalog(search_dirs([VALID], builtin=False))
    catalog.raise_errors()
    return Engine(catalog.pathway_set)


def walk(engine: Engine, *answers: str) -> WalkState:
    state = engine.begin("mini")
    for text in answers:
        state = engine.answer(state, text)
    return state


def test_a_walk_stops_at_the_first_question(engine: Engine) -> None:
    pos = engine.position(engine.begin("mini"))
    assert pos.key == ("mini", "ask")
    assert isinstance(pos.node, QuestionNode)
    assert not pos.finished


def test_info_nodes_are_passed_through_and_recorded(engine: Engine) -> None:
    pos = engine.position(walk(engine, "no"))
    assert pos.key == ("mini", "scored")
    assert [s.key for s in pos.steps] == [("mini", "ask"), ("mini", "teach")]
    assert isinstance(pos.steps[1].node, InfoNode)


def test_answers_match_id_or_label_case_insensitively(engine: Engine) -> None:
    by_id = walk(engine, "no")
    by_label = walk(engine, "  NO ")
    assert by_id == by_label
    assert by_id.answers[0].choice == "no"


def test_an_unknown_answer_names_the_node_and_its_options(engine: Engine) -> None:
    with pytest.raises(WalkError, match=r"'maybe' is not an answer to 'mini:ask'.*yes \(Yes\)"):
        walk(engine, "maybe")


def test_red_flag_answer_reaches_the_emergency_outcome(engine: Engine) -> None:
    pos = engine.position(walk(engine, "yes"))
    assert pos.finished
    assert isinstance(pos.node, OutcomeNode)
    assert pos.node.urgency is Urgency.EMERGENCY


def test_score_items_are_asked_one_by_one_with_a_running_total(engine: Engine) -> None:
    first = engine.position(walk(engine, "no"))
    assert first.item is not None
    assert first.item.id == "size"
    assert first.total == 0
    second = engine.position(walk(engine, "no", "big"))
    assert second.item is not None
    assert second.item.id == "pain"
    assert second.total == 2
    band = second.running_band()
    assert band is not None
    assert band.label == "High"


def test_a_low_score_leads_to_the_routine_outcome(engine: Engine) -> None:
    pos = engine.position(walk(engine, "no", "small", "none"))
    assert pos.key == ("mini", "routine")
    step = pos.steps[-1]
    assert isinstance(step.node, ScoreNode)
    assert step.total == 0
    assert step.band is not None
    assert step.band.label == "Low"


def test_a_high_score_crosses_into_the_linked_pathway(engine: Engine) -> None:
    pos = engine.position(walk(engine, "no", "big", "bad"))
    assert pos.key == ("other", "start")
    assert isinstance(pos.node, OutcomeNode)
    assert pos.node.urgency is Urgency.URGENT


def test_back_discards_only_the_last_answer_and_returns_it(engine: Engine) -> None:
    state = walk(engine, "no", "big")
    back, discarded = engine.back(state)
    assert discarded is not None
    assert discarded.name == "mini:scored.size"
    assert engine.describe(discarded) == "Size: Big (2)"
    pos = engine.position(back)
    assert pos.item is not None
    assert pos.item.id == "size"
    assert pos.total == 0
    back2, discarded2 = engine.back(back)
    assert discarded2 is not None
    assert discarded2.name == "mini:ask"
    assert engine.position(back2).key == ("mini", "ask")


def test_back_at_the_start_changes_nothing(engine: Engine) -> None:
    state = engine.begin("mini")
    assert engine.back(state) == (state, None)


def test_restart_discards_every_answer_but_keeps_the_start(engine: Engine) -> None:
    state = walk(engine, "no", "big")
    again = engine.restart(state)
    assert again.answers == ()
    assert again.start == ("mini", "ask")


def test_an_answer_after_the_outcome_is_refused(engine: Engine) -> None:
    with pytest.raises(WalkError, match="reached its outcome"):
        walk(engine, "yes", "no")


def test_transcript_replays_to_the_same_path(engine: Engine, tmp_path: Path) -> None:
    """Save a transcript, load it as an answers file, answer from it: the same walk."""
    import datetime as dt

    state = walk(engine, "no", "big", "bad")
    now = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    saved = build_transcript(engine, state, started=now, finished=now)
    path = tmp_path / "t.json"
    path.write_text(json.dumps(saved), encoding="utf-8")

    scripted = load_answers(path)
    assert scripted.start == "mini:ask"
    replay = choose_start(engine, None, scripted.start)
    while not engine.position(replay).finished:
        pos = engine.position(replay)
        choice = scripted.lookup(pos.key, pos.item.id if pos.item else None)
        assert choice is not None
        replay = engine.answer(replay, choice)
    assert replay == state
    assert build_record(engine, replay)["path"] == saved["path"]
    assert saved["started_at"] == "2026-01-02T03:04:05+00:00"
    assert "started_at" not in build_record(engine, replay)


def test_partial_transcript_is_marked_incomplete(engine: Engine) -> None:
    record = build_record(engine, walk(engine, "no"))
    assert record["complete"] is False
    assert record["outcome"] is None
    assert record["path"] == ["mini:ask", "mini:teach", "mini:scored"]


def test_start_is_the_entry_point_pathway_by_default(engine: Engine) -> None:
    assert choose_start(engine, None, None).start == ("mini", "ask")
    assert choose_start(engine, "other", None).start == ("other", "start")
    assert choose_start(engine, None, "other:start").start == ("other", "start")


def test_no_entry_point_is_a_usage_error(engine: Engine) -> None:
    only_other = Engine(PathwaySet({"other": engine.pathways["other"]}))
    with pytest.raises(UsageError, match="no entry-point pathway"):
        choose_start(only_other, None, None)


def test_unknown_pathway_is_refused_by_name(engine: Engine) -> None:
    with pytest.raises(NotFoundError, match="no pathway 'nope'"):
        choose_start(engine, "nope", None)


def test_with_several_entry_points_the_first_loaded_wins(engine: Engine) -> None:
    other_entry = engine.pathways["other"].model_copy(update={"entry": True})
    first_other = Engine(PathwaySet({"other": other_entry, "mini": engine.pathways["mini"]}))
    assert choose_start(first_other, None, None).start == ("other", "start")
    first_mini = Engine(PathwaySet({"mini": engine.pathways["mini"], "other": other_entry}))
    assert choose_start(first_mini, None, None).start == ("mini", "ask")
