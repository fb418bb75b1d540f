"""Lay-text rules: leaflets are for patients, so their plain-language text gets its own checks."""

from __future__ import annotations

from collections.abc import Iterator

from bonemets_cli.load.catalog import Catalog
from bonemets_cli.load.loader import PathwayDocument
from bonemets_cli.validate.problems import Problem, warning
from bonemets_cli.validate.readability import ReadingLevel, as_sentence, reading_level


def lay_text_problems(catalog: Catalog, target: float | None) -> Iterator[Problem]:
    """Leaflets print the lay text, so it must exist and read easily (PIF: reading age 9–11)."""
    for doc in catalog.pathways.values():
        for nid, node in doc.pathway.nodes.items():
            if node.lay is None:
                yield warning(
                    doc.locate("nodes", nid, key=True),
                    "missing-lay",
                    f"node '{nid}' has no 'lay' text, so leaflets print the clinician text; "
                    "add plain-language 'lay' text",
                )
    if target is None:
        return
    for doc, level in pathway_reading_levels(catalog):
        if level.ease < target:
            node_id, node_level = hardest_node(doc)
            yield warning(
                doc.locate("nodes", node_id, "lay"),
                "reading-level",
                f"lay text of pathway '{doc.pathway.id}' reads at Flesch Reading Ease "
                f"{level.ease:g} (Flesch–Kincaid grade {level.grade:g}), below the target "
                f"{target:g}; hardest is node '{node_id}' ({node_level.ease:g}): use shorter "
                "sentences and everyday words",
            )


def pathway_reading_levels(catalog: Catalog) -> Iterator[tuple[PathwayDocument, ReadingLevel]]:
    """Each pathway's lay text scored as a whole (pathways without lay text are skipped)."""
    for pid in sorted(catalog.pathways):
        doc = catalog.pathways[pid]
        texts = [as_sentence(n.lay) for n in doc.pathway.nodes.values() if n.lay]
        if texts:
            yield doc, reading_level(" ".join(texts))


def hardest_node(doc: PathwayDocument) -> tuple[str, ReadingLevel]:
    """The node whose lay text reads hardest: scored only for a pathway below target."""
    scored = [
        (reading_level(as_sentence(n.lay)), nid) for nid, n in doc.pathway.nodes.items() if n.lay
    ]
    level, nid = min(scored)
    return nid, level
