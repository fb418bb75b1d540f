"""Provenance rules: every clinical statement must cite a source a bibliography knows."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from bonemets_cli.load.catalog import Catalog
from bonemets_cli.load.loader import PathwayDocument
from bonemets_cli.model import AnyNode, OutcomeNode
from bonemets_cli.validate.problems import Problem, error, suggest, warning


def source_problems(catalog: Catalog) -> Iterator[Problem]:
    for pid, doc in catalog.pathways.items():
        pool = catalog.pathway_set.sources(pid)
        for nid, node in doc.pathway.nodes.items():
            for i, key in enumerate(node.sources):
                if key not in pool and key not in catalog.broken_sources:
                    yield error(
                        doc.locate("nodes", nid, "sources", i),
                        "unknown-source",
                        f"source '{key}' is in no bibliography" + suggest(key, pool),
                    )
            yield from _distractor_problems(doc, nid, node, pool)
            if isinstance(node, OutcomeNode):
                if not node.sources:
                    yield error(
                        doc.locate("nodes", nid, key=True),
                        "outcome-source",
                        f"outcome '{nid}' cites no source; add 'sources: [key]'",
                    )
                if node.discuss is None:
                    yield warning(
                        doc.locate("nodes", nid, key=True),
                        "default-discuss",
                        f"outcome '{nid}' has no 'discuss' prompt and falls back to the generic "
                        f"{node.urgency.value} one; write one suited to the step",
                    )
            elif not node.sources:
                yield warning(
                    doc.locate("nodes", nid, key=True),
                    "missing-source",
                    f"node '{nid}' cites no source; every clinical statement needs one",
                )


def _distractor_problems(
    doc: PathwayDocument, nid: str, node: AnyNode, pool: Collection[str]
) -> Iterator[Problem]:
    """A quiz distractor is a clinical statement too: its sources must exist, and it may
    not repeat the right answer or another distractor (the item would have two answers)."""
    if node.quiz is None:
        return
    seen = {node.quiz.decision.casefold()} if node.quiz.decision else set()
    for d, distractor in enumerate(node.quiz.distractors):
        for i, key in enumerate(distractor.sources):
            if key not in pool:
                yield error(
                    doc.locate("nodes", nid, "quiz", "distractors", d, "sources", i),
                    "unknown-source",
                    f"source '{key}' is in no bibliography" + suggest(key, pool),
                )
        if distractor.text.casefold() in seen:
            yield error(
                doc.locate("nodes", nid, "quiz", "distractors", d, "text"),
                "quiz-distractor",
                f"distractor '{distractor.text}' repeats the decision or another distractor; "
                "each option of a question must differ",
            )
        seen.add(distractor.text.casefold())
