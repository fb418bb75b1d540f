"""Finds and loads pathway files: the built-in ones, ``--pathways-dir`` and ``$BONEMETS_PATHWAYS``.

Every folder may hold a shared ``bibliography.yaml``; all loaded bibliographies form one
pool of sources that any pathway can cite, with a pathway's own ``sources`` on top.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from bonemets_cli.errors import Location, NotFoundError, PathwayLoadError
from bonemets_cli.load.cases import is_case_file
from bonemets_cli.load.loader import (
    NOT_A_FILE,
    BibliographyDocument,
    Loaded,
    LoadErrors,
    PathwayDocument,
    load_bibliography,
    load_model,
    load_pathway,
)
from bonemets_cli.load.yaml import Positions
from bonemets_cli.model import Bank, BankItem, Pathway, PathwaySet, Source
from bonemets_cli.model.graph import unknown_pathway

ENV_VAR = "BONEMETS_PATHWAYS"
BIBLIOGRAPHY = "bibliography.yaml"
_NOT_PATHWAYS = frozenset({BIBLIOGRAPHY})
BANK_FOLDER = "quiz"
"""Quiz banks live in this sub-folder of a pathways folder."""


def builtin_dir() -> Path:
    """The shipped pathways: inside the wheel, or the repository's ``pathways/`` in a checkout."""
    packaged = Path(str(resources.files("bonemets_cli") / "pathways"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "pathways"


def search_dirs(extra: Sequence[Path] = (), *, builtin: bool = True) -> list[Path]:
    """Folders to load, in order: built-in, then ``--pathways-dir``, then the environment."""
    env = [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    dirs = ([builtin_dir()] if builtin else []) + list(extra) + env
    unique: list[Path] = []
    for d in dirs:
        if not d.is_dir():
            raise NotFoundError(
                f"pathways folder not found: {d} (check --pathways-dir or ${ENV_VAR})"
            )
        if d.resolve() not in {u.resolve() for u in unique}:
            unique.append(d)
    return unique


def pathway_files(folder: Path) -> list[Path]:
    """The pathway files directly in ``folder`` (sorted, so output is stable): every
    ``.yaml`` file but the bibliography and the case files (``bonemets test`` reads those)."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in (".yaml", ".yml")
        and p.name not in _NOT_PATHWAYS
        and not is_case_file(p)
        and not p.is_dir()
    )


@dataclass(frozen=True)
class SourceEntry:
    """A citable source and the file (pathway or bibliography) that defines it."""

    source: Source
    defined_in: Loaded
    key: str

    @property
    def location(self) -> Location:
        """Where the source is defined."""
        return self.defined_in.locate("sources", self.key, key=True)


@dataclass
class Catalog:
    """Everything loaded, plus the files that failed to load (``validate`` reports them)."""

    documents: list[PathwayDocument] = field(default_factory=list)
    bibliographies: list[BibliographyDocument] = field(default_factory=list)
    errors: list[PathwayLoadError] = field(default_factory=list)
    skipped: list[PathwayLoadError] = field(default_factory=list)  # not files: warnings
    folders: list[Path] = field(default_factory=list)  # searched folders (quiz banks live here)
    broken: dict[str, set[str]] = field(default_factory=dict)
    """Pathway id → the nodes a schema fault left out of a partly read pathway (its
    other nodes are in ``documents``, for ``validate``; other commands stop first)."""
    broken_sources: set[str] = field(default_factory=set)
    """Source keys a schema fault left out: citing one is not also 'unknown-source'."""

    @cached_property
    def pathways(self) -> dict[str, PathwayDocument]:
        """By id; where two files share an id the first wins (``validate`` reports it).

        Worked out once, on first use: a catalog is complete when ``load_catalog``
        returns it, and every rule, quiz item and leaflet looks pathways up here.
        """
        out: dict[str, PathwayDocument] = {}
        for doc in self.documents:
            out.setdefault(doc.pathway.id, doc)
        return out

    def shadowed(self) -> list[tuple[PathwayDocument, PathwayDocument]]:
        """(ignored, used) for each file whose pathway id an earlier file already has."""
        first: dict[str, PathwayDocument] = {}
        pairs = []
        for doc in self.documents:
            used = first.setdefault(doc.pathway.id, doc)
            if used is not doc:
                pairs.append((doc, used))
        return pairs

    @cached_property
    def pathway_set(self) -> PathwaySet:
        """The loaded pathways as one graph over the shared pool of sources (built once)."""
        return PathwaySet(
            {pid: doc.pathway for pid, doc in self.pathways.items()},
            {key: entry.source for key, entry in self._shared_sources.items()},
        )

    def get(self, pathway_id: str) -> PathwayDocument:
        found = self.pathways.get(pathway_id)
        if found is None:
            raise unknown_pathway(pathway_id, self.pathways)
        return found

    def sources_for(self, doc: PathwayDocument) -> dict[str, SourceEntry]:
        """Where each source a pathway may cite is defined (``PathwaySet.sources`` holds
        the same pool without file positions): the shared pool, then its own on top."""
        pool = dict(self._shared_sources)
        for key, src in doc.pathway.sources.items():
            pool[key] = SourceEntry(src, doc, key)
        return pool

    @cached_property
    def _shared_sources(self) -> dict[str, SourceEntry]:
        """Every bibliography's sources; where two define a key, the first loaded wins."""
        pool: dict[str, SourceEntry] = {}
        for bib in self.bibliographies:
            for key, src in bib.bibliography.sources.items():
                pool.setdefault(key, SourceEntry(src, bib, key))
        return pool

    def entry_points(self) -> list[PathwayDocument]:
        return [d for d in self.pathways.values() if d.pathway.entry]

    def raise_errors(self) -> None:
        """For commands other than ``validate``: a broken file stops with its first fault."""
        if self.errors:
            first = self.errors[0]
            raise PathwayLoadError(
                f"{first.message} (run 'bonemets validate' for every problem)",
                first.location,
                first.rule,
            )


def load_catalog(dirs: Iterable[Path], files: Iterable[Path] = ()) -> Catalog:
    """Load every pathway in ``dirs`` plus the single ``files``; collect, don't stop at, faults."""
    catalog = Catalog()
    seen: set[Path] = set()
    bib_paths: list[Path] = []
    targets: list[Path] = []
    for folder in dirs:
        catalog.folders.append(folder)
        targets.extend(_files_inside(catalog, folder, pathway_files(folder)))
        bib_paths.append(folder / BIBLIOGRAPHY)
    for path in files:
        (bib_paths if path.name == BIBLIOGRAPHY else targets).append(path)
    for path in targets:
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        try:
            doc = load_pathway(path)
        except LoadErrors as exc:  # schema faults: keep what could be read, for validate
            catalog.errors.append(exc)
            if not isinstance(exc.partial, Pathway) or exc.positions is None:
                continue
            doc = PathwayDocument(exc.positions, exc.partial)
            catalog.broken.setdefault(doc.pathway.id, set()).update(exc.broken)
            catalog.broken_sources.update(exc.broken_sources)
        except PathwayLoadError as exc:
            catalog.errors.append(exc)
            continue
        catalog.documents.append(doc)
        try:
            bib_paths.append(_bibliography_path(doc, path))
        except PathwayLoadError as exc:
            catalog.errors.append(exc)
    _load_bibliographies(catalog, bib_paths)
    return catalog


def _files_inside(catalog: Catalog, folder: Path, paths: list[Path]) -> list[Path]:
    """The regular files of a pathways folder that stay inside it.

    A shared folder is written by others: a link out of it (to ``~/.ssh/id_rsa``, say)
    is refused as ``path-escape``, never read and echoed; a named pipe or device is
    skipped with a warning, never opened.
    """
    inside = folder.resolve()
    kept = []
    for path in paths:
        if path.is_symlink() and not path.resolve().is_relative_to(inside):
            catalog.errors.append(
                PathwayLoadError(
                    "is a link to a file outside the pathways folder; copy the file in instead",
                    Location(str(path)),
                    "path-escape",
                )
            )
        elif not path.is_file():
            catalog.skipped.append(PathwayLoadError(NOT_A_FILE, Location(str(path)), "io"))
        else:
            kept.append(path)
    return kept


def _bibliography_path(doc: PathwayDocument, path: Path) -> Path:
    """The pathway's ``bibliography`` file; it may not leave the pathway's folder."""
    name = doc.pathway.bibliography
    folder = path.parent.resolve()
    candidate = (folder / name).resolve()
    escapes = Path(name).is_absolute() or ".." in Path(name).parts
    if escapes or not candidate.is_relative_to(folder):
        raise PathwayLoadError(
            f"bibliography '{name}' points outside the pathway's folder; keep it beside the pathway",
            doc.locate("bibliography"),
            "path-escape",
        )
    if name != BIBLIOGRAPHY and not candidate.is_file():
        raise PathwayLoadError(
            f"bibliography file '{name}' not found beside the pathway",
            doc.locate("bibliography"),
            "missing-bibliography",
        )
    return folder / name


def _load_bibliographies(catalog: Catalog, paths: list[Path]) -> None:
    seen: set[Path] = set()
    for path in paths:
        resolved = path.resolve()
        if resolved in seen or not path.is_file():
            continue
        seen.add(resolved)
        try:
            catalog.bibliographies.append(load_bibliography(path))
        except PathwayLoadError as exc:
            catalog.errors.append(exc)


@dataclass(frozen=True)
class BankDocument:
    source: Positions
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
