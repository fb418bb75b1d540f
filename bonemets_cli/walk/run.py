"""One walk from start to end, as the walk command runs it, with no terminal of its own.

The command makes the prompter (a person's or a script's) and renders what this returns;
everything else, from the scripted answers to the transcript, is decided here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from bonemets_cli.load.catalog import Catalog
from bonemets_cli.model import PathwaySet
from bonemets_cli.walk.engine import Engine, WalkState
from bonemets_cli.walk.session import Ending, Prompter, WalkSession, choose_start
from bonemets_cli.walk.summary import WalkSummary, summarise
from bonemets_cli.walk.transcript import ScriptedAnswers, build_record, build_transcript


def local_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).astimezone()


class WalkRun:
    """A walk over the loaded pathways: where it starts, its answers so far, its record.

    ``state`` is always the latest, even after Ctrl-C stopped ``run``, so a partial walk
    can still be kept in a transcript.
    """

    def __init__(
        self,
        catalog: Catalog,
        pathway: str | None,
        scripted: ScriptedAnswers,
        *,
        clock: Callable[[], dt.datetime] = local_now,
    ) -> None:
        self.engine = Engine(catalog.pathway_set)
        self.scripted = scripted
        self.start = choose_start(self.engine, pathway, scripted.start)
        scripted.resolve(self.engine, self.start.start.pathway)
        self.state: WalkState = self.start
        self.clock = clock
        self.started = clock()

    @property
    def pathways(self) -> PathwaySet:
        return self.engine.pathways

    @property
    def start_pathway(self) -> str:
        return self.start.start.pathway

    def run(self, prompter: Prompter) -> Ending:
        session = WalkSession(self.engine, self.start, prompter)
        try:
            return session.run()
        finally:
            self.state = session.state

    def summary(self) -> WalkSummary:
        return summarise(self.engine, self.state)

    def record(self) -> dict[str, Any]:
        """What ``--format json`` prints: the transcript without its times."""
        return build_record(self.engine, self.state)

    def transcript(self) -> dict[str, Any]:
        return build_transcript(
            self.engine, self.state, started=self.started, finished=self.clock()
        )

    def unused_answers(self) -> list[str]:
        return self.scripted.unused()
