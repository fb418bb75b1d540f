"""Node references and the graph of loaded pathways: links, routes, outcomes, sources."""

from __future__ import annotations

from typing import Any

import pytest
from pathwayhelp import pathway_model

from bonemets_cli.errors import NotFoundError
from bonemets_cli.model import Citation, NodeRef, Option, PathwaySet, ScoreBand, Source
from bonemets_cli.model.refs import split_item, split_pathway, split_start


def node(kind: str, **fields: Any) -> dict[str, Any]:
    return {"kind": kind, "title": kind, "text": "t", "stage": "symptoms", **fields}


def outcome(urgency: str) -> dict[str, Any]:
    return node("outcome", urgency=urgency, action="a", sources=["k"])


SCORE = node(
    "score",
    items=[
        {
            "id": "a",
            "label": "A",
            "choices": [
                {"id": "lo", "label": "lo", "points": 0},
                {"id": "hi", "label": "hi", "points": 2},
            ],
        },
    ],
    bands=[
        {"min": 0, "max": 1, "label": "Low", "next": "done"},
        {"min": 2, "max": 2, "label": "High", "next": "other:start"},
    ],
)


@pytest.fixture
def pathways() -> PathwaySet:
    main = pathway_model(
        "main",
        {
            "q": node(
                "question",
                options=[
                    {"id": "y", "label": "Yes", "next": "teach", "red_flag": True},
                    {"id": "n", "label": "No", "next": "score"},
                ],
            ),
            "teach": node("info", next="done"),
            "score": SCORE,
            "done": outcome("routine"),
            "spare": outcome("soon"),
        },
        sources={"k": {"title": "Main's own"}},
    )
    other = pathway_model("other", {"q": outcome("emergency"), "start": outcome("urgent")})
    shared = {"k": Source(title="Shared"), "s": Source(title="Only shared", year=2020)}
    return PathwaySet({"main": main, "other": other}, shared)


def test_a_ref_reads_and_writes_pathway_colon_node() -> None:
    assert NodeRef.parse("imaging:start", "spine") == NodeRef("imaging", "start")
    assert NodeRef.parse("sins", "spine") == NodeRef("spine", "sins")
    assert str(NodeRef("spine", "sins")) == "spine:sins"
    assert f"{NodeRef('spine', 'sins')}" == "spine:sins"
    assert NodeRef("spine", "sins").item_name("location") == "spine:sins.location"
    assert NodeRef("spine", "sins").item_name(None) == "spine:sins"
    assert sorted([NodeRef("b", "a"), NodeRef("a", "b")]) == [NodeRef("a", "b"), NodeRef("b", "a")]
    assert split_item("spine:sins.location") == ("spine:sins", "location")
    assert split_pathway("sins") == (None, "sins")
    assert split_start("spine") == ("spine", None)  # a walk's bare start is a pathway
    assert split_start("spine:sins") == ("spine", "sins")


def test_successors_name_the_option_or_band_that_leads_there(pathways: PathwaySet) -> None:
    (yes, no) = pathways.successors(NodeRef("main", "q"))
    assert (yes.target, no.target) == (NodeRef("main", "teach"), NodeRef("main", "score"))
    assert isinstance(yes.via, Option)
    assert yes.via.id == "y"
    assert yes.field == ("options", 0, "next")
    (_, high) = pathways.successors(NodeRef("main", "score"))
    assert isinstance(high.via, ScoreBand)
    assert (high.target, high.written) == (NodeRef("other", "start"), "other:start")
    assert pathways.successors(NodeRef("main", "done")) == []


def test_a_missing_node_or_pathway_is_named(pathways: PathwaySet) -> None:
    assert pathways.find(NodeRef("main", "nope")) is None
    with pytest.raises(NotFoundError, match="no node 'main:nope'"):
        pathways.node(NodeRef("main", "nope"))
    with pytest.raises(NotFoundError, match=r"no pathway 'gone' \(known: main, other\)"):
        pathways.start("gone")
    assert pathways.start("main") == NodeRef("main", "q")


def test_routes_take_every_option_and_band(pathways: PathwaySet) -> None:
    routes = list(pathways.routes(pathways.start("main")))
    assert [([f"{s.node}={s.choice}" for s in r.steps], str(r.outcome)) for r in routes] == [
        (["main:q=y", "main:teach="], "main:done"),
        (["main:q=n", "main:score=band:0-1"], "main:done"),
        (["main:q=n", "main:score=band:2-2"], "other:start"),
    ]
    assert routes[2].steps[1].scores == {"a": "hi"}
    assert routes[2].refs()[-1] == NodeRef("other", "start")


def test_reachable_outcomes_are_nearest_first_across_pathways(pathways: PathwaySet) -> None:
    found = [ref for ref, _ in pathways.reachable_outcomes(NodeRef("main", "q"))]
    assert found == [NodeRef("main", "done"), NodeRef("other", "start")]
    assert pathways.reachable_outcomes(NodeRef("gone", "x")) == []


def test_walk_order_is_breadth_first_then_the_rest(pathways: PathwaySet) -> None:
    assert [r.node for r in pathways.walk_order("main")] == ["q", "teach", "score", "done", "spare"]


def test_a_key_means_the_pathway_s_own_source_first(pathways: PathwaySet) -> None:
    assert pathways.cite("main", "k").text == "Main's own."
    assert pathways.cite("other", "k").text == "Shared."  # no local source of its own
    assert pathways.cite(None, "s").keyed() == "s: Only shared. 2020"
    assert list(pathways.sources("main")) == ["k", "s"]
    assert pathways.sources("main")["k"].title == "Main's own"
    missing = pathways.cite("main", "gone")
    assert missing == Citation("gone", None)
    assert missing.short() == "gone (not in the bibliography)"
    assert missing.keyed() == "gone (not in the bibliography)"


def test_citation_forms() -> None:
    src = Source(
        title="A paper.", authors="Doe J, Roe R", year=2020, url="https://x.org", kind="secondary"
    )
    cite = Citation("p", src)
    assert cite.reference == "Doe J, Roe R. A paper. 2020"
    assert cite.text == "Doe J, Roe R. A paper. 2020."
    assert cite.short() == "p (Doe J et al., 2020)"
    assert cite.full() == "[p] Doe J, Roe R. A paper. 2020. (secondary source) https://x.org"


def test_back_edges_names_every_link_that_closes_a_loop_once() -> None:
    """The one loop search (walk, quiz and validate): a → b → c → a and c → c close
    loops; d is reached twice (from a and from b) but entered once; e is a second root."""
    from bonemets_cli.model.graph import back_edges

    links = {"a": ["b", "d"], "b": ["c", "d"], "c": ["a", "c"], "d": [], "e": ["d"]}
    entered: list[str] = []

    def following(node: str) -> list[tuple[str, str]]:
        entered.append(node)
        return [(target, f"{node}->{target}") for target in links[node]]

    assert list(back_edges(["a", "e"], following)) == [("c", "c->a"), ("c", "c->c")]
    assert sorted(entered) == ["a", "b", "c", "d", "e"]
    assert list(back_edges(["d", "e"], following)) == []
