"""Rules on each file as a whole: it loads, its ids are unique, its review is not overdue."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from bonemets_cli.errors import Location
from bonemets_cli.load.catalog import Catalog
from bonemets_cli.load.loader import LoadErrors
from bonemets_cli.model import QuestionNode, ScoreNode
from bonemets_cli.validate.problems import Problem, error, warning


def load_problems(catalog: Catalog) -> Iterator[Problem]:
    for exc in catalog.errors:
        errors = exc.errors if isinstance(exc, LoadErrors) else [exc]
        for err in errors:
            yield error(err.location or Location("?"), err.rule or "yaml-syntax", err.message)
    for skipped in catalog.skipped:  # a named pipe or device among the pathway files
        yield warning(skipped.location or Location("?"), skipped.rule, skipped.message)


def duplicate_id_problems(catalog: Catalog) -> Iterator[Problem]:
    for doc, used in catalog.shadowed():
        yield error(
            doc.locate("id"),
            "duplicate-id",
            f"pathway id '{doc.pathway.id}' is already used by {used.file}; rename one "
            "(the rest of this file is checked once its id is unique)",
        )
    for doc in catalog.documents:
        for nid, node in doc.pathway.nodes.items():
            groups: list[tuple[tuple[str | int, ...], list[str], str]] = []
            if isinstance(node, QuestionNode):
                groups.append((("options",), [o.id for o in node.options], "option"))
            if isinstance(node, ScoreNode):
                groups.append((("items",), [i.id for i in node.items], "item"))
                for n, item in enumerate(node.items):
                    groups.append((("items", n, "choices"), [c.id for c in item.choices], "choice"))
            for path, ids, what in groups:
                for index, dup in _repeats(ids):
                    yield error(
                        doc.locate("nodes", nid, *path, index, "id"),
                        "duplicate-id",
                        f"{what} id '{dup}' appears twice in node '{nid}'",
                    )


def _repeats(ids: list[str]) -> Iterator[tuple[int, str]]:
    if len(set(ids)) == len(ids):  # the usual case, and the cheap test for it
        return
    counts: Counter[str] = Counter()
    for index, value in enumerate(ids):
        counts[value] += 1
        if counts[value] == 2:
            yield index, value


def review_date_problems(catalog: Catalog, today: dt.date) -> Iterator[Problem]:
    for doc in catalog.pathways.values():
        pw = doc.pathway
        if pw.next_review < pw.reviewed:
            yield error(
                doc.locate("next_review"),
                "review-dates",
                f"next_review {pw.next_review} is before reviewed {pw.reviewed}",
            )
        elif pw.next_review < today:
            yield warning(
                doc.locate("next_review"),
                "review-overdue",
                f"review was due on {pw.next_review}; review the content and "
                "update 'reviewed' and 'next_review'",
            )
