"""A CPD log from the review history: one entry per answer, for a nurse's revalidation.

Each entry says when, on what topic, what kind of question, right or wrong and how long
it took. Time spent is only what was measured (a question put in the terminal until it
was answered); scripted answers and answers saved before schema 2 are "not timed" and add
nothing to the total, so the log never claims time that was not spent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bonemets_cli.quiz.progress import BANK_PATHWAY, FACT_BANK
from bonemets_cli.quiz.store import Review

TYPE_NAMES = {
    "next-step": "next step",
    "urgency": "urgency",
    "score": "score",
    "bank": "fact",
    "case": "case scenario",
}
"""Question types as a log reader says them (an unknown type is shown as it is)."""


@dataclass(frozen=True)
class CpdEntry:
    when: dt.datetime  # local time
    topic: str  # the pathway's title and the stage
    pathway: str
    stage: str
    question_type: str
    question: str | None  # as asked; None for answers saved before schema 2
    correct: bool
    seconds: float | None  # None: not timed
    item_id: str


@dataclass(frozen=True)
class CpdLog:
    entries: tuple[CpdEntry, ...]
    generated_at: dt.datetime

    @property
    def right(self) -> int:
        return sum(e.correct for e in self.entries)

    @property
    def seconds(self) -> float:
        """Time spent on the timed answers."""
        return sum(e.seconds or 0.0 for e in self.entries)

    @property
    def hours(self) -> float:
        return self.seconds / 3600

    @property
    def untimed(self) -> int:
        return sum(e.seconds is None for e in self.entries)

    @property
    def missed(self) -> tuple[CpdEntry, ...]:
        """Items whose latest answer was wrong: what to reflect on and revisit."""
        latest = {e.item_id: e for e in self.entries}
        return tuple(e for e in latest.values() if not e.correct)


def build_cpd_log(
    reviews: Sequence[Review],
    titles: Mapping[str, str],
    now: dt.datetime,
    *,
    since: dt.date | None = None,
    tz: dt.tzinfo | None = None,
) -> CpdLog:
    """Every answer (from ``since``, a local date, if given), oldest first. ``titles``:
    pathway id → title, for the topic; an unknown pathway is named by its id."""
    entries = []
    for review in reviews:
        when = review.reviewed_at.astimezone(tz)
        if since is not None and when.date() < since:
            continue
        entries.append(
            CpdEntry(
                when=when,
                topic=f"{topic_name(review.pathway, titles)}: {review.stage}",
                pathway=review.pathway,
                stage=review.stage,
                question_type=TYPE_NAMES.get(review.type, review.type),
                question=review.question,
                correct=review.correct,
                seconds=review.seconds,
                item_id=review.item_id,
            )
        )
    return CpdLog(tuple(entries), now)


def topic_name(pathway: str, titles: Mapping[str, str]) -> str:
    if pathway == BANK_PATHWAY:
        return FACT_BANK
    return titles.get(pathway, pathway)


def read_cpd_log(
    folder: Path, titles: Mapping[str, str], *, since: dt.date | None = None
) -> CpdLog:
    """The log from the database in ``folder`` (none yet: an empty log, no file made)."""
    from bonemets_cli.quiz.store import DB_NAME, Store, database_exists, utc_now

    path = folder / DB_NAME
    now = utc_now()
    if not database_exists(path):
        return CpdLog((), now)
    with Store(path) as store:
        return build_cpd_log(store.reviews(), titles, now, since=since)
