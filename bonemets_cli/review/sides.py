"""The two sides of a diff: a pathway file, a folder, or a folder or file as it was at a
git revision (read with ``git ls-tree`` and ``git cat-file`` into a private folder).

Each side's own files are compared; the other loaded pathways stand in, the same on
both sides, for the ones they link into.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from bonemets_cli.errors import BonemetsError, NotFoundError, PathwayLoadError, UsageError, visible
from bonemets_cli.load.catalog import Catalog, load_catalog, pathway_files
from bonemets_cli.load.yaml import MAX_BYTES
from bonemets_cli.model import PathwaySet


@dataclass(frozen=True)
class Side:
    name: str  # as the report names it
    pathways: PathwaySet
    ids: list[str]  # the pathways of this side's own files


def load_side(path: Path, fill: Catalog, name: str | None = None) -> Side:
    """``path`` (a pathway file or folder) over the pathways of ``fill`` (loaded once for
    both sides; a side that is one of its folders is not read again)."""
    if path.is_dir() and not pathway_files(path):
        raise NotFoundError(f"no pathway files in {path}")
    folder = path.resolve()
    if path.is_dir() and folder in {f.resolve() for f in fill.folders}:
        own = [
            d.pathway.id for d in fill.pathways.values() if Path(d.file).parent.resolve() == folder
        ]
        return Side(name or str(path), fill.pathway_set, own)
    mine = load_catalog([path]) if path.is_dir() else load_catalog([], [path])
    mine.raise_errors()
    pathways = {pid: doc.pathway for pid, doc in fill.pathways.items()}
    pathways.update({pid: doc.pathway for pid, doc in mine.pathways.items()})
    return Side(name or str(path), PathwaySet(pathways), list(mine.pathways))


def _git(folder: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            check=False,
            timeout=60,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
        )
    except FileNotFoundError:
        raise NotFoundError("--git needs git, which is not installed") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BonemetsError(f"git {args[0]}: {visible(said[0] if said else 'failed')}")
    return done.stdout


def git_checkout(rev: str, path: Path, into: Path) -> Path:
    """``path`` (a file or folder of the working tree) as it was at ``rev``, written into
    the empty folder ``into``: only the ``.yaml`` files directly in it, by their base
    names, never a link. Returns the file or folder to load."""
    if not rev or rev.startswith("-") or any(c in rev for c in "\x00\n"):
        raise UsageError(f"--git {visible(rev)!r} is not a revision (a branch, tag or commit)")
    folder = path if path.is_dir() else path.parent
    top = Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())
    relative = path.resolve().relative_to(top.resolve()).as_posix()
    if path.is_dir():
        relative = "" if relative == "." else relative + "/"
    listing = _git(top, "ls-tree", "-z", rev, "--", relative or ".").split(b"\0")
    wanted = 0
    for entry in filter(None, listing):
        meta, _, name_bytes = entry.partition(b"\t")
        mode, kind, obj = meta.decode().split()
        name = name_bytes.decode("utf-8", "replace").rsplit("/", 1)[-1]
        if kind != "blob" or mode == "120000" or not name.endswith((".yaml", ".yml")):
            continue
        if name in (".", "..") or "/" in name or "\\" in name:
            continue
        if int(_git(top, "cat-file", "-s", obj).decode().strip()) > MAX_BYTES:
            raise PathwayLoadError(
                f"{name} at {rev} is over the {MAX_BYTES:,}-byte limit", rule="too-large"
            )
        target = into / name
        with open(target, "xb") as handle:  # never through a link, never over a file
            handle.write(_git(top, "cat-file", "blob", obj))
        wanted += 1
    if not wanted:
        raise NotFoundError(f"no pathway files at {relative or '.'} in revision {visible(rev)}")
    return into if path.is_dir() else into / path.name
