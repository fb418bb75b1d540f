"""Lay-text rules: leaflets are for patients, so everything a leaflet prints gets checked.

A leaflet prints more than each step's ``lay`` text: the pathway's opening paragraph,
each step's "discuss" prompt (as a question to ask or a thing to tell the team) and the
answers that are warning signs. So each of those is scored, box by box as the leaflet
prints them, and the pathway as a whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bonemets_cli.load.catalog import Catalog
from bonemets_cli.load.loader import PathwayDocument
from bonemets_cli.model import OutcomeNode, Pathway, QuestionNode
from bonemets_cli.validate.problems import Problem, warning
from bonemets_cli.validate.readability import ReadingLevel, as_sentence, reading_level


@dataclass(frozen=True)
class Printed:
    """One box of a leaflet's text: where it is written, what it is, what it says."""

    path: tuple[Any, ...]  # the key path for file:line:col
    what: str  # "node 'x'" or "the opening paragraph"
    text: str


def printed_text(pathway: Pathway) -> Iterator[Printed]:
    """What a leaflet of ``pathway`` prints, box by box (none for a clinician-only one)."""
    if pathway.clinician_only:
        return
    key = "lay_summary" if pathway.lay_summary else "summary"
    yield Printed((key,), "the opening paragraph", pathway.lay_summary or pathway.summary)
    for nid, node in pathway.nodes.items():
        parts = [node.lay or node.text]
        discuss = node.discuss_prompt() if isinstance(node, OutcomeNode) else node.discuss
        if discuss:
            parts.append(discuss)
        if isinstance(node, QuestionNode):
            parts += [o.lay or o.label for o in node.options if o.red_flag]
        where = ("nodes", nid, "lay" if node.lay else "text")
        yield Printed(where, f"node '{nid}'", " ".join(as_sentence(p) for p in parts))


def lay_text_problems(catalog: Catalog, target: float | None) -> Iterator[Problem]:
    """Leaflets print the lay text, so it must exist and read easily (PIF: reading age 9–11)."""
    for doc in catalog.pathways.values():
        yield from _missing_lay(doc)
    if target is None:
        return
    for doc in catalog.pathways.values():
        yield from _hard_text(doc, target)


def _missing_lay(doc: PathwayDocument) -> Iterator[Problem]:
    pathway = doc.pathway
    if pathway.lay_summary is None and not pathway.clinician_only:
        yield warning(
            doc.locate("summary", key=True),
            "missing-lay",
            f"pathway '{pathway.id}' has no 'lay_summary', so its leaflet opens with the "
            "summary written for authors; add a plain-language 'lay_summary'",
        )
    for nid, node in pathway.nodes.items():
        if node.lay is None:
            yield warning(
                doc.locate("nodes", nid, key=True),
                "missing-lay",
                f"node '{nid}' has no 'lay' text, so leaflets print the clinician text; "
                "add plain-language 'lay' text",
            )


def _hard_text(doc: PathwayDocument, target: float) -> Iterator[Problem]:
    """The pathway as a whole below target (named at its hardest box), and each box that
    is below target on its own."""
    scored = [(reading_level(box.text), box) for box in printed_text(doc.pathway)]
    if not scored:
        return
    whole = reading_level(" ".join(box.text for _, box in scored))
    hardest_level, hardest = min(scored, key=lambda pair: pair[0])
    if whole.ease < target:
        yield warning(
            doc.locate(*hardest.path),
            "reading-level",
            f"printed text of pathway '{doc.pathway.id}' reads at Flesch Reading Ease "
            f"{whole.ease:g} (Flesch–Kincaid grade {whole.grade:g}), below the target "
            f"{target:g}; hardest is {hardest.what} ({hardest_level.ease:g}): use shorter "
            "sentences and everyday words",
        )
    for level, box in scored:
        if level.ease < target and not (whole.ease < target and box is hardest):
            yield warning(
                doc.locate(*box.path),
                "reading-level",
                f"leaflet text of {box.what} in pathway '{doc.pathway.id}' reads at Flesch "
                f"Reading Ease {level.ease:g} (Flesch–Kincaid grade {level.grade:g}), below "
                f"the target {target:g}: use shorter sentences and everyday words",
            )


def pathway_reading_levels(catalog: Catalog) -> Iterator[tuple[PathwayDocument, ReadingLevel]]:
    """Each pathway's printed text scored as a whole (pathways with no leaflet are skipped)."""
    for pid in sorted(catalog.pathways):
        doc = catalog.pathways[pid]
        texts = [box.text for box in printed_text(doc.pathway)]
        if texts:
            yield doc, reading_level(" ".join(texts))


def hardest_node(doc: PathwayDocument) -> tuple[str, ReadingLevel]:
    """The box whose printed text reads hardest, and its score."""
    level, box = min(
        ((reading_level(box.text), box) for box in printed_text(doc.pathway)),
        key=lambda pair: pair[0],
    )
    return box.what, level
