"""Progress from the review history: by pathway and stage, for trainees and CPD logs.

Streak: the number of consecutive calendar days (local time) with at least one answer,
counting back from today, or from yesterday if nothing has been answered yet today
(so a streak is not lost before the day is over). No answer yesterday or today: 0.

Mastery of a group: the share of its items whose latest answer was right. Items from the
fact bank that name no pathway are grouped as the fact bank (``FACT_BANK``), never as if
"bank" were a pathway; bank items that name a pathway count under it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bonemets_cli.quiz.store import ItemState, Review

BANK_PATHWAY = "bank"
"""The pathway a bank item that names none is stored under."""
FACT_BANK = "(fact bank)"
"""How such items are shown: in brackets, so it can never be read as a pathway id."""


def pathway_label(pathway: str) -> str:
    return FACT_BANK if pathway == BANK_PATHWAY else pathway


@dataclass(frozen=True)
class Mastery:
    """One group (a pathway, a topic or a question type): how well it is known, and when
    its items come back."""

    group: str
    seen: int
    answers: int
    correct: int
    mastered: int  # items whose latest answer was right
    due_now: int
    due_today: int  # due later today (local time)
    due_later: int  # due after today
    next_due: dt.datetime | None

    @property
    def mastery(self) -> float | None:
        return self.mastered / self.seen if self.seen else None

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.answers if self.answers else None


@dataclass(frozen=True)
class Upcoming:
    """An item's next review: what it asks (as last asked) and when."""

    item_id: str
    pathway: str
    type: str
    question: str | None
    due: dt.datetime


@dataclass(frozen=True)
class ProgressRow:
    pathway: str
    stage: str
    seen: int  # distinct items answered at least once
    answers: int
    correct: int
    due: int  # items due now
    streak_days: int
    last_answered: dt.datetime | None

    @property
    def accuracy(self) -> float | None:
        """Share of answers that were right (0–1); None before any answer."""
        return self.correct / self.answers if self.answers else None


@dataclass(frozen=True)
class Progress:
    rows: tuple[ProgressRow, ...]
    total: ProgressRow
    generated_at: dt.datetime
    by_pathway: tuple[Mastery, ...] = ()
    by_topic: tuple[Mastery, ...] = ()  # the clinical stage: symptoms, imaging, …
    by_type: tuple[Mastery, ...] = ()
    overall: Mastery | None = None
    upcoming: tuple[Upcoming, ...] = ()  # the soonest reviews, soonest first


def build_progress(
    items: Sequence[ItemState],
    reviews: Sequence[Review],
    now: dt.datetime,
    tz: dt.tzinfo | None = None,
) -> Progress:
    """Aggregate by (pathway, stage), sorted, plus a total row (pathway and stage 'all');
    and mastery by pathway, topic (stage) and question type, with what is due when."""
    groups = sorted({(i.pathway, i.stage) for i in items})
    rows = tuple(
        _row(
            pathway=pathway_label(p),
            stage=s,
            items=[i for i in items if (i.pathway, i.stage) == (p, s)],
            reviews=[r for r in reviews if (r.pathway, r.stage) == (p, s)],
            now=now,
            tz=tz,
        )
        for p, s in groups
    )
    clock = _Clock(now, tz)
    return Progress(
        rows,
        _row(pathway="all", stage="all", items=items, reviews=reviews, now=now, tz=tz),
        now,
        by_pathway=_mastery(items, reviews, lambda x: pathway_label(x.pathway), clock),
        by_topic=_mastery(items, reviews, lambda x: x.stage, clock),
        by_type=_mastery(items, reviews, lambda x: x.type, clock),
        overall=_group("all", items, reviews, clock),
        upcoming=_upcoming(items, reviews),
    )


UPCOMING = 5
"""How many of the soonest reviews ``progress`` lists."""


@dataclass(frozen=True)
class _Clock:
    now: dt.datetime
    tz: dt.tzinfo | None

    @property
    def end_of_today(self) -> dt.datetime:
        local = self.now.astimezone(self.tz)
        return dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(), local.tzinfo)


def _mastery(
    items: Sequence[ItemState],
    reviews: Sequence[Review],
    key: Callable[[ItemState | Review], str],
    clock: _Clock,
) -> tuple[Mastery, ...]:
    names = sorted({key(i) for i in items})
    return tuple(
        _group(
            name,
            [i for i in items if key(i) == name],
            [r for r in reviews if key(r) == name],
            clock,
        )
        for name in names
    )


def _group(
    name: str, items: Sequence[ItemState], reviews: Sequence[Review], clock: _Clock
) -> Mastery:
    latest = {r.item_id: r.correct for r in reviews}  # reviews come oldest first
    end = clock.end_of_today
    return Mastery(
        group=name,
        seen=len(latest),
        answers=len(reviews),
        correct=sum(r.correct for r in reviews),
        mastered=sum(latest.values()),
        due_now=sum(i.due <= clock.now for i in items),
        due_today=sum(clock.now < i.due < end for i in items),
        due_later=sum(i.due >= end for i in items),
        next_due=min((i.due for i in items), default=None),
    )


def _upcoming(items: Sequence[ItemState], reviews: Sequence[Review]) -> tuple[Upcoming, ...]:
    asked = {r.item_id: r.question for r in reviews if r.question}
    soonest = sorted(items, key=lambda i: (i.due, i.item_id))[:UPCOMING]
    return tuple(
        Upcoming(i.item_id, pathway_label(i.pathway), i.type, asked.get(i.item_id), i.due)
        for i in soonest
    )


def _row(
    *,
    pathway: str,
    stage: str,
    items: Sequence[ItemState],
    reviews: Sequence[Review],
    now: dt.datetime,
    tz: dt.tzinfo | None,
) -> ProgressRow:
    return ProgressRow(
        pathway=pathway,
        stage=stage,
        seen=len({r.item_id for r in reviews}),
        answers=len(reviews),
        correct=sum(r.correct for r in reviews),
        due=sum(i.due <= now for i in items),
        streak_days=day_streak((r.reviewed_at for r in reviews), now, tz),
        last_answered=max((r.reviewed_at for r in reviews), default=None),
    )


def day_streak(
    moments: Iterable[dt.datetime], now: dt.datetime, tz: dt.tzinfo | None = None
) -> int:
    """Consecutive local days with an answer, ending today or yesterday (see module doc)."""
    days = {m.astimezone(tz).date() for m in moments}
    day = now.astimezone(tz).date()
    if day not in days:
        day -= dt.timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= dt.timedelta(days=1)
    return streak


def read_progress(folder: Path, now: dt.datetime | None = None) -> Progress:
    """Progress from the database in ``folder``; none yet gives empty progress (no file made)."""
    from bonemets_cli.quiz.store import DB_NAME, Store, database_exists, utc_now

    now = now or utc_now()
    path = folder / DB_NAME
    if not database_exists(path):
        return build_progress([], [], now)
    with Store(path) as store:
        return build_progress(store.items(), store.reviews(), now)
