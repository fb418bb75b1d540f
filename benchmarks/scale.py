"""Time ``bonemets validate DIR`` on synthetic pathways of 1,000 to 100,000 nodes.

Each size is generated once (``generate.py``) into a temporary folder, then validated
in fresh subprocesses; the table shows the median CPU time (user + system) and wall time,
CPU time per node, the child's peak memory (its own ``ru_maxrss`` and CPU time, read with
``os.wait4``) and how the time grows from 10,000 to 100,000 nodes. Budgets: 10,000 nodes
in at most 1.2 seconds, and 100k / 10k at most 12 (linear growth would be 10). The budgets
are checked on CPU time: on a shared machine the wall time also counts the time spent
waiting for a core, which says more about the neighbours than about bonemets.

The 1.2 s is checked as a ratio, since one machine's CPU second is not another's (a busy
CI machine has run everything twice as slowly): a YAML floor, libyaml's parser reading
every event of the same files and nothing else, is timed beside each run, and 1.2 s on
the machine where the budget was set, where the floor took 0.38 s, is 3.2 times it.

A quiz row: ``bonemets --pathways-dir DIR quiz -n 10`` (answered from a file that skips
every item, so it times making the quiz, not a person) on the same folder, timed in the
same run. Budgets: at 10,000 nodes at most 1.5 times ``validate``'s CPU time, and the
quiz's own 100k / 10k growth within the same 12 (issue 19: items come from the graph,
never from a listing of routes).

A peer row: ``check-jsonschema`` (when installed) with the project's JSON Schemas
(``pathways/*.schema.json``) on the same files, which only checks the schema where
bonemets also checks references, reachability and scores; bonemets must be at least
10 times faster. It is timed once, on the sizes up to 10,000 nodes (it takes minutes
beyond).

    python benchmarks/scale.py [--runs 3] [--big-runs N] [--sizes 1000,10000,100000]
                               [--json] [--check] [--slack 1.0]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import bonemets_command, clean_env, positive  # beside this script
from generate import MIN_NODES, generate  # the generator sits beside this script

SIZES = (1_000, 10_000, 100_000)
BUDGET_10K_SECONDS = 1.2
REFERENCE_FLOOR_SECONDS = 0.38
"""The YAML floor's CPU time on 10,000 nodes where the 1.2 s budget was set."""
BUDGET_10K_VS_FLOOR = round(BUDGET_10K_SECONDS / REFERENCE_FLOOR_SECONDS, 1)
"""The 1.2 s budget as a ratio to the floor in the same run: 3.2."""
FLOOR_CODE = """
import sys, pathlib, yaml
from collections import deque
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.yaml")):
    parser = yaml.CSafeLoader(path.read_text(encoding="utf-8"))
    try:
        deque(iter(parser.get_event, None), maxlen=0)
    finally:
        parser.dispose()
"""
"""Every parser event of every file, nothing built: what any YAML validator must pay."""
BUDGET_GROWTH = 12.0
BUDGET_QUIZ_RATIO = 1.5
"""``quiz -n 10`` at most this many times ``validate`` of the same 10,000 nodes."""
QUIZ_COUNT = 10
BUDGET_PEER = 10.0
"""bonemets at least this many times faster than check-jsonschema."""
PEER_MAX_NODES = 10_000
SCHEMAS = Path(__file__).resolve().parent.parent / "pathways"


@dataclass
class Row:
    nodes: int
    files: int
    seconds: float
    wall_seconds: float
    us_per_node: float
    peak_mib: float
    quiz_seconds: float = 0.0
    """``quiz -n 10``'s median CPU time on the same folder."""
    floor_seconds: float | None = None
    """The YAML floor's median CPU time on the same files, timed beside ``validate``."""
    peer_seconds: float | None = None
    """check-jsonschema's CPU time on the same files."""

    @property
    def floor_ratio(self) -> float | None:
        return None if self.floor_seconds is None else self.seconds / self.floor_seconds

    @property
    def quiz_ratio(self) -> float:
        return self.quiz_seconds / self.seconds

    @property
    def peer_ratio(self) -> float | None:
        return None if self.peer_seconds is None else self.peer_seconds / self.seconds


def run_once(argv: list[str]) -> tuple[float, float, float]:
    """CPU seconds, wall seconds and peak memory (MiB) of one child; fails on a non-zero exit."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        env = clean_env()
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            err.seek(0)
            message = err.read().decode("utf-8", "replace").strip()
            raise SystemExit(f"{' '.join(argv)} exited {child.returncode}:\n{message}")
    cpu = usage.ru_utime + usage.ru_stime
    return cpu, wall, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def peer_command() -> str | None:
    """check-jsonschema beside this interpreter, else on the PATH."""
    beside = Path(sys.executable).with_name("check-jsonschema")
    return str(beside) if beside.exists() else shutil.which("check-jsonschema")


def peer_seconds(peer: str, folder: Path) -> float:
    """check-jsonschema's CPU time for the folder: pathways, then the bibliography."""
    pathways = sorted(str(p) for p in folder.glob("*.yaml") if p.name != "bibliography.yaml")
    checks = [(SCHEMAS / "pathway.schema.json", pathways)]
    checks.append((SCHEMAS / "bibliography.schema.json", [str(folder / "bibliography.yaml")]))
    return sum(run_once([peer, "--schemafile", str(schema), *files])[0] for schema, files in checks)


def quiz_command(folder: Path, work: Path) -> list[str]:
    """``quiz -n 10`` on ``folder`` with an answers file that answers nothing (every item
    is shown, none is recorded) and a data folder of its own."""
    work.mkdir(parents=True, exist_ok=True)
    answers = work / "answers.yaml"
    answers.write_text("answers: {}\n", encoding="utf-8")
    return [
        *bonemets_command(), "--pathways-dir", str(folder), "quiz", "-n", str(QUIZ_COUNT),
        "--seed", "1", "--answers", str(answers), "--data-dir", str(work / "data"),
    ]  # fmt: skip


def measure(nodes: int, runs: int, workdir: Path, peer: str | None) -> Row:
    folder = workdir / f"n{nodes}"
    files = generate(nodes, folder)
    argv = [*bonemets_command(), "validate", str(folder)]
    quiz = quiz_command(folder, workdir / f"quiz-{nodes}")
    floor = [sys.executable, "-c", FLOOR_CODE, str(folder)]
    run_once(argv)  # warm the file cache and the bytecode cache
    run_once(quiz)
    samples = []
    quiz_cpu = []
    floor_cpu = []
    for _ in range(runs):  # interleaved, so all three see the same neighbours
        floor_cpu.append(run_once(floor)[0])
        samples.append(run_once(argv))
        quiz_cpu.append(run_once(quiz)[0])
    cpu = statistics.median(s[0] for s in samples)
    wall = statistics.median(s[1] for s in samples)
    peak = max(s[2] for s in samples)
    row = Row(nodes, len(files), cpu, wall, cpu / nodes * 1e6, peak)
    row.quiz_seconds = statistics.median(quiz_cpu)
    row.floor_seconds = statistics.median(floor_cpu)
    if peer is not None and nodes <= PEER_MAX_NODES:
        row.peer_seconds = peer_seconds(peer, folder)
    return row


def quiz_growth(by_size: dict[int, Row]) -> float | None:
    if 10_000 in by_size and 100_000 in by_size:
        return by_size[100_000].quiz_seconds / by_size[10_000].quiz_seconds
    return None


def over_budget(by_size: dict[int, Row], growth: float | None, slack: float) -> list[str]:
    """One line per budget missed (each budget made ``slack`` times looser)."""
    budget_10k, budget_growth, budget_peer = (
        BUDGET_10K_VS_FLOOR * slack,
        BUDGET_GROWTH * slack,
        BUDGET_PEER / slack,
    )
    over: list[str] = []
    if 10_000 in by_size and by_size[10_000].quiz_ratio > BUDGET_QUIZ_RATIO * slack:
        over.append(
            f"quiz -n {QUIZ_COUNT} on 10,000 nodes took {by_size[10_000].quiz_ratio:.2f}× "
            f"validate's CPU time (budget {BUDGET_QUIZ_RATIO * slack:g}×)"
        )
    quiz_up = quiz_growth(by_size)
    if quiz_up is not None and quiz_up > budget_growth:
        over.append(f"quiz 100k / 10k = {quiz_up:.1f} (budget {budget_growth:g})")
    row = by_size.get(10_000)
    if row is not None and row.floor_ratio is not None and row.floor_ratio > budget_10k:
        over.append(
            f"10,000 nodes took {row.seconds:.2f} s CPU, {row.floor_ratio:.2f}× the YAML floor "
            f"(budget {budget_10k:g}×: 1.2 s where the floor takes {REFERENCE_FLOOR_SECONDS} s)"
        )
    if growth is not None and growth > budget_growth:
        over.append(f"100k / 10k = {growth:.1f} (budget {budget_growth:g})")
    for r in by_size.values():
        if r.peer_ratio is not None and r.peer_ratio < budget_peer:
            over.append(
                f"{r.nodes:,} nodes: only {r.peer_ratio:.1f}× faster than check-jsonschema "
                f"(budget ≥ {budget_peer:g}×)"
            )
    return over


def runs_label(args: argparse.Namespace) -> str:
    """ "3", or "3 (1 above 10k)" when ``--big-runs`` differs."""
    big = args.big_runs or args.runs
    return str(args.runs) if big == args.runs else f"{args.runs} ({big} above 10k)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=positive, default=3, help="timed runs per size (median)")
    parser.add_argument(
        "--big-runs",
        type=positive,
        help="timed runs for sizes above 10,000 (default: --runs); only the growth budget, "
        "which has room, reads them, and a 100k run takes about 40 s",
    )
    parser.add_argument(
        "--sizes",
        default=",".join(str(s) for s in SIZES),
        help="comma-separated node counts",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--check", action="store_true", help="exit 1 when over a budget")
    parser.add_argument(
        "--slack", type=float, default=1.0, help="loosen every budget by this factor (noisy CI)"
    )
    args = parser.parse_args()
    try:
        sizes = [int(s) for s in args.sizes.split(",")]
    except ValueError:
        parser.error(f"--sizes takes whole numbers separated by commas, got {args.sizes!r}")
    if min(sizes) < MIN_NODES:
        parser.error(f"--sizes: each size must be at least {MIN_NODES}")
    if args.slack <= 0:
        parser.error("--slack must be above 0")

    peer = peer_command()
    with tempfile.TemporaryDirectory(prefix="bonemets-scale-") as tmp:
        big_runs = args.big_runs or args.runs
        rows = [measure(n, args.runs if n <= 10_000 else big_runs, Path(tmp), peer) for n in sizes]
    by_size = {r.nodes: r for r in rows}
    growth = (
        by_size[100_000].seconds / by_size[10_000].seconds
        if 10_000 in by_size and 100_000 in by_size
        else None
    )
    budget_growth = BUDGET_GROWTH * args.slack
    over = over_budget(by_size, growth, args.slack)

    if args.json:
        payload = [
            {
                **asdict(r),
                "peer_ratio": r.peer_ratio,
                "quiz_ratio": r.quiz_ratio,
                "floor_ratio": r.floor_ratio,
            }
            for r in rows
        ]
        print(
            json.dumps(
                {
                    "rows": payload,
                    "growth_100k_10k": growth,
                    "quiz_growth_100k_10k": quiz_growth(by_size),
                },
                indent=2,
            )
        )
    else:
        print(f"bonemets validate DIR, median of {runs_label(args)} runs")
        print(
            f"{'nodes':>8} {'files':>6} {'CPU (s)':>8} {'× floor':>8} {'wall (s)':>9} "
            f"{'µs/node':>8} {'peak MiB':>9} {'check-jsonschema CPU (s)':>25}"
        )
        for r in rows:
            peer_cell = (
                f"{r.peer_seconds:.2f} ({r.peer_ratio:.0f}× slower)"
                if r.peer_seconds is not None and r.peer_ratio is not None
                else "-"
            )
            print(
                f"{r.nodes:>8,} {r.files:>6} {r.seconds:>8.2f} {r.floor_ratio or 0:>7.2f}× "
                f"{r.wall_seconds:>9.2f} {r.us_per_node:>8.1f} {r.peak_mib:>9.0f} {peer_cell:>25}"
            )
        ten = by_size.get(10_000)
        if ten is not None and ten.floor_ratio is not None and ten.floor_seconds is not None:
            print(
                f"10k: {ten.floor_ratio:.2f}× the YAML floor "
                f"({ten.floor_seconds:.2f} s), budget ≤ "
                f"{BUDGET_10K_VS_FLOOR * args.slack:g}× (1.2 s where the floor takes "
                f"{REFERENCE_FLOOR_SECONDS} s)"
            )
        if growth is not None:
            print(f"growth 100k / 10k: {growth:.1f}× (linear = 10, budget ≤ {budget_growth:g})")
        print(
            f"\nbonemets quiz -n {QUIZ_COUNT} on the same folder, median of {runs_label(args)} runs"
        )
        print(f"{'nodes':>8} {'CPU (s)':>8} {'× validate':>11}")
        for r in rows:
            print(f"{r.nodes:>8,} {r.quiz_seconds:>8.2f} {r.quiz_ratio:>10.2f}×")
        quiz_up = quiz_growth(by_size)
        if quiz_up is not None:
            print(
                f"quiz growth 100k / 10k: {quiz_up:.1f}× (linear = 10, budget ≤ {budget_growth:g}); "
                f"at 10k budget ≤ {BUDGET_QUIZ_RATIO * args.slack:g}× validate"
            )
        if peer is None:
            print("check-jsonschema is not installed: no peer row")
    for line in over:
        print(f"over budget: {line}", file=sys.stderr)
    return 1 if args.check and over else 0


if __name__ == "__main__":
    raise SystemExit(main())
