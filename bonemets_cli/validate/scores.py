"""Score-band rules: every possible total needs exactly one band to say what it means."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator

from bonemets_cli.load.catalog import Catalog
from bonemets_cli.load.loader import PathwayDocument
from bonemets_cli.model import ScoreNode
from bonemets_cli.validate.problems import Problem, error, warning


def score_problems(catalog: Catalog) -> Iterator[Problem]:
    for doc in catalog.pathways.values():
        for nid, node in doc.pathway.nodes.items():
            if isinstance(node, ScoreNode):
                yield from _band_problems(doc, nid, node)


def _band_problems(doc: PathwayDocument, nid: str, node: ScoreNode) -> Iterator[Problem]:
    low, high = node.total_range
    yield from _unreachable_bands(doc, nid, node, low, high)
    if _covered_once_in_order(node, low, high):  # the usual case: nothing to sweep
        return
    for i, band in enumerate(node.bands):
        if band.min > band.max:
            yield error(
                doc.locate("nodes", nid, "bands", i),
                "score-bands",
                f"band '{band.label}' has min {band.min} above max {band.max}",
            )
    segments = _coverage(node, low, high)
    uncovered = [(a, b) for a, b, count in segments if count == 0]
    doubled = [(a, b) for a, b, count in segments if count > 1]
    outside = [b for b in node.bands if b.max < low or b.min > high]
    if not (uncovered or doubled or outside):
        return
    where = doc.locate("nodes", nid, "bands")  # only when needed: it is slow at scale
    if uncovered:
        yield error(
            where,
            "score-bands",
            f"no band covers total {_ranges(uncovered)} (possible totals are {low}–{high})",
        )
    if doubled:
        yield error(where, "score-bands", f"more than one band covers total {_ranges(doubled)}")
    for band in outside:
        yield warning(
            where,
            "score-bands",
            f"band '{band.label}' ({band.min}–{band.max}) lies outside the possible "
            f"totals {low}–{high}",
        )


def reachable_totals(node: ScoreNode) -> int:
    """The totals some set of choices adds up to, as the bits of one int (bit ``t`` for
    total ``t``): points are small, so shifting an int is the whole subset-sum table."""
    totals = 1
    for item in node.items:
        step = 0
        for points in {c.points for c in item.choices}:
            step |= totals << points
        totals = step
    return totals


def _unreachable_bands(
    doc: PathwayDocument, nid: str, node: ScoreNode, low: int, high: int
) -> Iterator[Problem]:
    """A band inside the range that no combination of choices can land in: its ``next``
    is never taken, so what it says is never taught (bands outside the range are their
    own warning)."""
    totals = reachable_totals(node)
    for i, band in enumerate(node.bands):
        first, last = max(band.min, low), min(band.max, high)
        if first > last:
            continue
        if not (totals >> first) & ((1 << (last - first + 1)) - 1):
            yield warning(
                doc.locate("nodes", nid, "bands", i),
                "score-bands",
                f"band '{band.label}' ({band.min}–{band.max}) covers only totals no "
                f"combination of choices can reach; the reachable totals are "
                f"{_ranges(_runs(totals, low, high))}",
            )


def _runs(totals: int, low: int, high: int) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for total in range(low, high + 1):
        if (totals >> total) & 1:
            if runs and runs[-1][1] == total - 1:
                runs[-1] = (runs[-1][0], total)
            else:
                runs.append((total, total))
    return runs


def _covered_once_in_order(node: ScoreNode, low: int, high: int) -> bool:
    """Whether the bands, as listed, run from ``low`` to ``high`` without gap or overlap.

    Then every total has exactly one band and none lies outside: no problem to report.
    """
    expected = low
    for band in node.bands:
        if band.min != expected or band.max < band.min:
            return False
        expected = band.max + 1
    return expected == high + 1


def _coverage(node: ScoreNode, low: int, high: int) -> list[tuple[int, int, int]]:
    """(first, last, how many bands) for each run of totals in ``low..high``.

    A sweep over band ends rather than every total, so a file with thousands of items
    still validates in bounded time.
    """
    delta: Counter[int] = Counter()
    for band in node.bands:
        first, last = max(band.min, low), min(band.max, high)
        if first <= last:
            delta[first] += 1
            delta[last + 1] -= 1
    cuts = sorted({low, high + 1, *(t for t in delta if low <= t <= high)})
    segments: list[tuple[int, int, int]] = []
    count = 0
    for first, nxt in itertools.pairwise(cuts):
        count += delta[first]
        segments.append((first, nxt - 1, count))
    return segments


def _ranges(runs: list[tuple[int, int]]) -> str:
    shown = [str(a) if a == b else f"{a}–{b}" for a, b in runs[:8]]
    return ", ".join(shown) + (" …" if len(runs) > 8 else "")
