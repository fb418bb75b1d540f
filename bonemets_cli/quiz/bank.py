"""The hand-written quiz bank: facts that are not a step of any pathway.

Bank files live in a ``quiz/`` folder beside the pathways (``pathways/quiz/*.yaml``) and
cite the same bibliography. They load through ``loader.load_model``, so every fault has
a file:line:col, and ``bonemets validate`` checks them like pathways.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from bonemets_cli.catalog import Catalog
from bonemets_cli.errors import Location, PathwayLoadError
from bonemets_cli.loader import LoadErrors, load_model
from bonemets_cli.model import Id, Stage, Text, _Frozen
from bonemets_cli.validate.problems import Level, Problem
from bonemets_cli.yamldoc import YamlDocument

BANK_FOLDER = "quiz"


class BankOption(_Frozen):
    text: Text
    correct: bool = False


class BankItem(_Frozen):
    """One question; exactly one option is correct and the explanation cites a source."""

    id: Id
    question: Text
    options: tuple[BankOption, ...] = Field(min_length=2)
    explanation: Text
    sources: tuple[Id, ...] = Field(min_length=1, description="Bibliography keys cited.")
    stage: Stage | None = None
    pathway: Id | None = Field(default=None, description="The pathway this fact belongs to.")


class Bank(_Frozen):
    schema_version: int = Field(ge=1)
    items: tuple[BankItem, ...] = Field(min_length=1)


@dataclass(frozen=True)
class BankDocument:
    source: YamlDocument
    bank: Bank

    @property
    def file(self) -> str:
        return self.source.file


def bank_files(folders: Iterable[Path]) -> list[Path]:
    """``quiz/*.yaml`` in each pathway folder, sorted."""
    out: list[Path] = []
    for folder in folders:
        sub = folder / BANK_FOLDER
        if sub.is_dir():
            out.extend(sorted(p for p in sub.iterdir() if p.suffix in (".yaml", ".yml")))
    return out


def is_bank_file(path: Path) -> bool:
    return path.parent.name == BANK_FOLDER


def load_bank(path: Path) -> BankDocument:
    source, bank = load_model(path, Bank)
    return BankDocument(source, bank)


def load_banks(folders: Iterable[Path]) -> list[BankItem]:
    """Every bank item, for a quiz; the first faulty file stops with its first fault."""
    items: list[BankItem] = []
    seen: set[str] = set()
    for path in bank_files(folders):
        try:
            doc = load_bank(path)
        except PathwayLoadError as exc:
            raise PathwayLoadError(
                f"{exc.message} (run 'bonemets validate' for every problem)", exc.location, exc.rule
            ) from None
        for item in doc.bank.items:
            if item.id not in seen:
                seen.add(item.id)
                items.append(item)
    return items


def bank_rule(extra_files: Iterable[Path] = ()) -> Callable[[Catalog], Iterator[Problem]]:
    """A ``validate_catalog`` extra rule checking the banks of the catalog's folders."""
    extra = list(extra_files)

    def check(catalog: Catalog) -> Iterator[Problem]:
        files = bank_files(catalog.folders)
        known = {p.resolve() for p in files}
        files += [p for p in extra if p.resolve() not in known]
        yield from bank_problems(catalog, files)

    return check


def bank_problems(catalog: Catalog, files: Iterable[Path]) -> Iterator[Problem]:
    pool = {k for bib in catalog.bibliographies for k in bib.bibliography.sources}
    pool |= {k for doc in catalog.documents for k in doc.pathway.sources}
    first_file: dict[str, str] = {}
    for path in files:
        try:
            doc = load_bank(path)
        except PathwayLoadError as exc:
            errors = exc.errors if isinstance(exc, LoadErrors) else [exc]
            for err in errors:
                where = err.location or Location(str(path))
                yield Problem(where, Level.ERROR, err.rule or "yaml-syntax", err.message)
            continue
        yield from _item_problems(doc, pool, first_file, catalog)


def _item_problems(
    doc: BankDocument, pool: set[str], first_file: dict[str, str], catalog: Catalog
) -> Iterator[Problem]:
    def at(*path: str | int) -> Location:
        return doc.source.locate(path)

    for n, item in enumerate(doc.bank.items):
        if item.id in first_file:
            yield Problem(
                at("items", n, "id"),
                Level.ERROR,
                "duplicate-id",
                f"quiz item id '{item.id}' is already used in {first_file[item.id]}",
            )
        else:
            first_file[item.id] = doc.file
        correct = sum(o.correct for o in item.options)
        if correct != 1:
            yield Problem(
                at("items", n, "options"),
                Level.ERROR,
                "quiz-answer",
                f"quiz item '{item.id}' has {correct} correct options; mark exactly one "
                "with 'correct: true'",
            )
        counts = Counter(o.text.casefold() for o in item.options)
        for i, option in enumerate(item.options):
            if counts[option.text.casefold()] > 1:
                counts[option.text.casefold()] = 0
                yield Problem(
                    at("items", n, "options", i, "text"),
                    Level.ERROR,
                    "quiz-options",
                    f"quiz item '{item.id}' offers '{option.text}' twice",
                )
        for i, key in enumerate(item.sources):
            if key not in pool:
                yield Problem(
                    at("items", n, "sources", i),
                    Level.ERROR,
                    "unknown-source",
                    f"source '{key}' is in no bibliography",
                )
        if item.pathway is not None and item.pathway not in catalog.pathways:
            yield Problem(
                at("items", n, "pathway"),
                Level.WARNING,
                "missing-pathway",
                f"quiz item '{item.id}' names pathway '{item.pathway}', which is not loaded",
            )
