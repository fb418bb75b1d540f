"""Options that give nothing away: the rules every multiple-choice item keeps.

A learner should have to know the answer, not spot it. So, among an item's options:
- the right one does not stand out by length: it is at most ``LONGER`` times the longest
  wrong one and at least 1/``LONGER`` of the shortest;
- if the right one holds a number, so does at least one wrong one;
- all have one form: no option repeats another, none ends with a full stop.
The generator picks distractors that keep these rules and leaves out an item it cannot
make so; ``tests/test_quiz_audit.py`` checks every item.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

LONGER = 1.5
_DIGIT = re.compile(r"\d")


def has_number(text: str) -> bool:
    return bool(_DIGIT.search(text))


def plain(text: str) -> str:
    """An option's form: trimmed, no final full stop."""
    return text.strip().rstrip(".").strip()


def cue_problems(texts: Sequence[str], correct: int) -> list[str]:
    """What in these options points to the right one; empty when nothing does."""
    right = texts[correct]
    wrong = [t for i, t in enumerate(texts) if i != correct]
    problems: list[str] = []
    if not wrong:
        return ["no wrong option"]
    if len(right) > LONGER * max(len(t) for t in wrong):
        problems.append(f"the right option is the longest by far: {right!r}")
    if len(right) * LONGER < min(len(t) for t in wrong):
        problems.append(f"the right option is the shortest by far: {right!r}")
    if has_number(right) and not any(has_number(t) for t in wrong):
        problems.append(f"the right option is the only one with a number: {right!r}")
    folded = [t.casefold() for t in texts]
    if len(set(folded)) != len(folded):
        problems.append("an option is repeated")
    if any(t != plain(t) for t in texts):
        problems.append("an option ends with a full stop or spaces")
    return problems


def pick_distractors(
    right: str, pools: Sequence[Sequence[str]], rng: random.Random, want: int
) -> list[str] | None:
    """Up to ``want`` wrong options, from the first pools first (authored, then siblings,
    then the same stage), keeping the rules above; None if fewer than two fit."""
    seen = {right.casefold()}
    ranked: list[str] = []
    for pool in pools:
        batch = [plain(t) for t in pool]
        rng.shuffle(batch)
        for text in batch:
            if text and text.casefold() not in seen and len(text) <= LONGER * len(right):
                seen.add(text.casefold())
                ranked.append(text)
    picked = ranked[:want]
    rest = ranked[want:]
    if has_number(right) and picked and not any(has_number(t) for t in picked):
        numbered = next((t for t in rest if has_number(t)), None)
        if numbered is None:
            return None
        picked[-1] = numbered
    if picked and len(right) > LONGER * max(len(t) for t in picked):
        longer = next((t for t in rest if len(right) <= LONGER * len(t)), None)
        if longer is None:
            return None
        keep = next((i for i, t in enumerate(picked) if not has_number(t)), len(picked) - 1)
        picked[keep if has_number(right) and len(picked) > 1 else -1] = longer
    if len(picked) < 2:
        return None
    texts = [right, *picked]
    return picked if not cue_problems(texts, 0) else None
