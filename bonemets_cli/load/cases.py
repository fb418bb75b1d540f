"""Finds and loads case files (``NAME.cases.yaml``), with the position of every case."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bonemets_cli.errors import Location
from bonemets_cli.load.loader import Loaded, load_model
from bonemets_cli.model.cases import CASES_SUFFIX, Case, CaseFile


def is_case_file(path: Path) -> bool:
    return path.name.endswith(CASES_SUFFIX)


def case_files(folders: Iterable[Path]) -> list[Path]:
    """The case files directly in each folder, sorted, so output is stable."""
    out: list[Path] = []
    for folder in folders:
        out.extend(sorted(p for p in folder.iterdir() if is_case_file(p) and p.is_file()))
    return out


@dataclass(frozen=True)
class CaseDocument(Loaded):
    cases: CaseFile

    @property
    def pathway(self) -> str:
        """Where this file's cases start by default: its own key, else its name."""
        return self.cases.pathway or Path(self.file).name.removesuffix(CASES_SUFFIX)

    def case_location(self, index: int) -> Location:
        """Where case ``index`` begins (its list entry), for runner output."""
        return self.locate("cases", index)

    def each(self) -> Iterable[tuple[int, Case]]:
        return enumerate(self.cases.cases)


def load_cases(path: Path) -> CaseDocument:
    return CaseDocument(*load_model(path, CaseFile, expected="schema_version, cases"))
