"""Write synthetic, valid pathways of N nodes for the scale benchmark.

The nodes cycle through question → outcome / info → score → next question, so every kind
is present, every node is reachable from its pathway's start, every node can reach an
outcome and nothing loops. Score bands link forward into the next file (``pNNN:nK``) to
exercise cross-file references, and every node cites a key from one shared
``bibliography.yaml``. ``bonemets validate DIR`` reports no problems on the result.

    python benchmarks/generate.py 10000 /tmp/pathways-10k
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

NODES_PER_FILE = 1000
"""About 400 KB per file: well under the reader's 4 MiB limit per file."""
MIN_FILES = 4
MIN_NODES = MIN_FILES * 2
"""Two nodes per file at least: a question needs somewhere to go."""
SOURCES = 20
STAGES = ("symptoms", "assessment", "imaging", "biopsy", "management")
URGENCIES = ("emergency", "urgent", "soon", "routine")


def file_sizes(total: int, per_file: int = NODES_PER_FILE) -> list[int]:
    """Split ``total`` nodes into files of at most ``per_file`` (at least ``MIN_FILES``)."""
    if total < MIN_NODES:
        raise ValueError(f"need at least {MIN_NODES} nodes")
    count = max(MIN_FILES, math.ceil(total / per_file))
    base, extra = divmod(total, count)
    return [base + (1 if i < extra else 0) for i in range(count)]


def pathway_id(index: int) -> str:
    return f"p{index:03d}"


def _common(i: int, kind: str, title: str, pid: str) -> str:
    return (
        f"  n{i}:\n"
        f"    kind: {kind}\n"
        f"    title: {title} {i}\n"
        f"    stage: {STAGES[i % len(STAGES)]}\n"
        f"    text: Synthetic teaching text for step {i} of pathway {pid}.\n"
        f"    lay: Plain words for step {i}.\n"
        f"    sources: [src-{i % SOURCES:02d}]\n"
    )


def _node(i: int, size: int, pid: str, cross: str | None) -> str:
    """One node; its links only go forward (higher index or a later file)."""
    last = size - 1

    def ahead(step: int) -> str:
        return f"n{min(i + step, last)}"

    role = i % 4 if i < last else 1  # the last node is always an outcome
    if role == 0:
        return _common(i, "question", "Question", pid) + (
            "    options:\n"
            f"      - id: a\n        label: First answer\n        next: {ahead(1)}\n"
            f"      - id: b\n        label: Second answer\n        next: {ahead(2)}\n"
            "        red_flag: true\n"
        )
    if role == 1:
        urgency = URGENCIES[(i // 4) % len(URGENCIES)]
        return _common(i, "outcome", "Outcome", pid) + (
            f"    urgency: {urgency}\n"
            f"    action: Action for outcome {i}.\n"
            f"    discuss: Ask your care team about step {i}.\n"
        )
    if role == 2:
        return _common(i, "info", "Info", pid) + (
            f"    rationale: Why step {i} matters.\n    next: {ahead(1)}\n"
        )
    high = cross or ahead(1)
    return _common(i, "score", "Score", pid) + (
        "    items:\n"
        "      - id: size\n        label: Size\n        choices:\n"
        "          - {id: small, label: Small, points: 0}\n"
        "          - {id: big, label: Big, points: 1}\n"
        "      - id: pain\n        label: Pain\n        choices:\n"
        "          - {id: none, label: None, points: 0}\n"
        "          - {id: bad, label: Bad, points: 1}\n"
        "    bands:\n"
        f"      - {{min: 0, max: 1, label: Low, next: {ahead(1)}}}\n"
        f"      - {{min: 2, max: 2, label: High, next: '{high}'}}\n"
    )


def pathway_text(index: int, size: int, next_size: int | None) -> str:
    """One pathway file; ``next_size`` is the node count of the following file, if any."""
    pid = pathway_id(index)
    head = (
        "schema_version: 1\n"
        f"id: {pid}\n"
        f"title: Synthetic pathway {index}\n"
        'version: "1.0.0"\n'
        "summary: Generated for the scale benchmark.\n"
        "lay_summary: Made up to time the checks. It is not for patients.\n"
        "audience: [benchmarks]\n"
        "reviewed: 2026-01-01\n"
        "next_review: 2099-01-01\n"
        "producer: bonemets benchmarks\n"
        "start: n0\n"
        f"entry: {'true' if index == 0 else 'false'}\n"
        "nodes:\n"
    )
    parts = [head]
    for i in range(size):
        cross = None
        if next_size is not None and i % 4 == 3:
            cross = f"{pathway_id(index + 1)}:n{i % next_size}"
        parts.append(_node(i, size, pid, cross))
    return "".join(parts)


def bibliography_text() -> str:
    lines = ["schema_version: 1", "sources:"]
    for k in range(SOURCES):
        lines += [
            f"  src-{k:02d}:",
            f"    title: Synthetic source {k}",
            "    publisher: Benchmark Institute",
            "    year: 2024",
            f"    url: https://example.org/source-{k}",
        ]
    return "\n".join(lines) + "\n"


def generate(total: int, folder: Path, per_file: int = NODES_PER_FILE) -> list[Path]:
    """Write the pathways and their bibliography into ``folder``; return the pathway files."""
    folder.mkdir(parents=True, exist_ok=True)
    sizes = file_sizes(total, per_file)
    written: list[Path] = []
    for index, size in enumerate(sizes):
        following = sizes[index + 1] if index + 1 < len(sizes) else None
        path = folder / f"{pathway_id(index)}.yaml"
        path.write_text(pathway_text(index, size, following), encoding="utf-8")
        written.append(path)
    (folder / "bibliography.yaml").write_text(bibliography_text(), encoding="utf-8")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("nodes", type=int, help="total number of nodes")
    parser.add_argument("folder", type=Path, help="where to write (created if missing)")
    parser.add_argument("--per-file", type=int, default=NODES_PER_FILE, help="nodes per file")
    args = parser.parse_args()
    if args.nodes < MIN_NODES:
        parser.error(f"nodes: at least {MIN_NODES}")
    if args.per_file < 2:
        parser.error("--per-file: at least 2")
    try:
        files = generate(args.nodes, args.folder, args.per_file)
    except OSError as exc:
        parser.exit(1, f"generate.py: cannot write {args.folder}: {exc.strerror}\n")
    print(f"{args.nodes} nodes in {len(files)} files under {args.folder}")


if __name__ == "__main__":
    main()
