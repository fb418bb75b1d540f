"""Progress from the review history: by pathway and stage, for trainees and CPD logs.

Streak: the number of consecutive calendar days (local time) with at least one answer,
counting back from today, or from yesterday if nothing has been answered yet today
(so a streak is not lost before the day is over). No answer yesterday or today: 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bonemets_cli.quiz.store import ItemState, Review


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


def build_progress(
    items: Sequence[ItemState],
    reviews: Sequence[Review],
    now: dt.datetime,
    tz: dt.tzinfo | None = None,
) -> Progress:
    """Aggregate by (pathway, stage), sorted, plus a total row (pathway and stage 'all')."""
    groups = sorted({(i.pathway, i.stage) for i in items})
    rows = tuple(
        _row(
            pathway=p,
            stage=s,
            items=[i for i in items if (i.pathway, i.stage) == (p, s)],
            reviews=[r for r in reviews if (r.pathway, r.stage) == (p, s)],
            now=now,
            tz=tz,
        )
        for p, s in groups
    )
    return Progress(
        rows, _row(pathway="all", stage="all", items=items, reviews=reviews, now=now, tz=tz), now
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
