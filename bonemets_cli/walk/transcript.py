"""Walk transcripts and scripted answers: one format, so a saved walk replays exactly.

A transcript is JSON written by ``walk --transcript``; an answers file (``--answers``)
may be such a transcript, or hand-written YAML/JSON with a simple mapping::

    answers:
      symptoms:start: "no"
      spine:sins.location: junctional
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Union

from pydantic import BaseModel, ConfigDict, Field

from bonemets_cli import __version__
from bonemets_cli.errors import UsageError
from bonemets_cli.load.loader import load_model
from bonemets_cli.model import NodeRef, OutcomeNode, ScoreNode
from bonemets_cli.model.refs import split_item, split_pathway, with_item
from bonemets_cli.walk.engine import Engine, WalkState

FORMAT = "bonemets-transcript"
FORMAT_VERSION = 1


class AnswerEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    node: str
    item: str | None = None
    answer: str


class AnswersFile(BaseModel):
    """What ``--answers`` reads; a full transcript has more keys, which are ignored."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    format_version: int = Field(default=FORMAT_VERSION, ge=1, le=FORMAT_VERSION)
    start: str | None = None
    pathways: dict[str, str] = Field(
        default_factory=dict, description="Pathway id → the version the walk was recorded on."
    )
    answers: Union[list[AnswerEntry], dict[str, str]]  # noqa: UP007 - pydantic on 3.10


class ScriptedAnswers:
    """Answers keyed by ``pathway:node`` or ``pathway:node.item`` (or without the pathway)."""

    def __init__(
        self,
        answers: Mapping[str, str],
        start: str | None = None,
        versions: Mapping[str, str] | None = None,
    ) -> None:
        self.answers = dict(answers)
        self.start = start
        self.versions = dict(versions or {})  # recorded pathway versions (transcripts)
        self.used: set[str] = set()

    def changed_versions(self, engine: Engine) -> list[str]:
        """The recorded pathways loaded now at another version: a replay may then take
        another route than the one recorded, so the person must be told."""
        return [
            f"pathway '{pid}' was {recorded} when this walk was recorded and is "
            f"{engine.pathways[pid].version} now"
            for pid, recorded in self.versions.items()
            if pid in engine.pathways and engine.pathways[pid].version != recorded
        ]

    def lookup(self, node: NodeRef, item: str | None) -> str | None:
        """The answer for a step; names are qualified by ``resolve`` (bare ones still match)."""
        for name in (str(node), node.node):
            full = with_item(name, item)
            if full in self.answers:
                self.used.add(full)
                return self.answers[full]
        return None

    def unused(self) -> list[str]:
        return [k for k in self.answers if k not in self.used]

    def resolve(self, engine: Engine, start_pathway: str) -> None:
        """Qualify every name as ``pathway:node[.item]``, refusing unknown ones by name.

        A bare node name means the node of the walk's first pathway when it has one
        (``start`` is in every pathway), else the only pathway that has it.
        """
        resolved: dict[str, str] = {}
        for name, choice in self.answers.items():
            written, item = split_item(name)
            pathway, node = split_pathway(written)
            hits = [
                NodeRef(pid, node)
                for pid, pw in engine.pathways.items()
                if node in pw.nodes and (not pathway or pid == pathway)
            ]
            if not hits:
                raise UsageError(f"answer given for unknown node '{written}'")
            if not pathway and NodeRef(start_pathway, node) in hits:
                hits = [NodeRef(start_pathway, node)]
            if len(hits) > 1:
                raise UsageError(
                    f"'{written}' is a node of several pathways; write one of "
                    + ", ".join(map(str, hits))
                )
            scored = engine.pathways.node(hits[0])
            if item and not (
                isinstance(scored, ScoreNode) and item in {i.id for i in scored.items}
            ):
                raise UsageError(f"answer given for unknown score item '{name}'")
            resolved[hits[0].item_name(item)] = choice
        self.answers = resolved


def parse_answer_flags(values: Iterable[str]) -> dict[str, str]:
    """``--answer NODE=OPTION`` flags → a mapping; a malformed one is a usage error."""
    out: dict[str, str] = {}
    for value in values:
        name, sep, choice = value.partition("=")
        if not sep or not name.strip() or not choice.strip():
            raise UsageError(f"--answer '{value}' should look like NODE=OPTION (e.g. start=no)")
        out[name.strip()] = choice.strip()
    return out


def load_answers(path: Path) -> ScriptedAnswers:
    """Read an answers file or a transcript (YAML or JSON) with file:line:col errors."""
    _, data = load_model(path, AnswersFile)
    if isinstance(data.answers, dict):
        return ScriptedAnswers(data.answers, data.start, data.pathways)
    mapping = {with_item(e.node, e.item): e.answer for e in data.answers}
    return ScriptedAnswers(mapping, data.start, data.pathways)


def build_transcript(
    engine: Engine,
    state: WalkState,
    *,
    started: dt.datetime,
    finished: dt.datetime | None,
) -> dict[str, Any]:
    """A JSON-ready record: pathway versions, each answer, the outcome and the time."""
    record = build_record(engine, state)
    times = {
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": finished.isoformat(timespec="seconds") if finished else None,
    }
    head = {k: record.pop(k) for k in ("format", "format_version", "bonemets_version")}
    return {**head, **times, **record}


def build_record(engine: Engine, state: WalkState) -> dict[str, Any]:
    """The transcript without its time stamps (``walk --format json``); replays the same."""
    pos = engine.position(state)
    visited = [s.key for s in pos.steps] + [pos.key]
    pathways = {
        pid: engine.pathways[pid].version for pid in dict.fromkeys(k.pathway for k in visited)
    }
    outcome: dict[str, Any] | None = None
    if isinstance(pos.node, OutcomeNode):
        node = pos.node
        outcome = {
            "node": str(pos.key),
            "title": node.title,
            "urgency": node.urgency.value,
            "action": node.action,
            "discuss": node.discuss_prompt(),
            "sources": list(node.sources),
        }
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "bonemets_version": __version__,
        "complete": outcome is not None,
        "start": str(state.start),
        "pathways": pathways,
        "answers": [
            {
                "node": str(a.node),
                **({"item": a.item} if a.item else {}),
                "answer": a.choice,
                "label": engine.describe(a),
            }
            for a in state.answers
        ],
        "path": [str(k) for k in visited],
        "outcome": outcome,
    }
