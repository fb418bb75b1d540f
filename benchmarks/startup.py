"""Time whole ``bonemets`` commands as a ratio to ``python -c "import typer"``.

Absolute times mean little on a shared, noisy machine, so each command is paired with
the baseline run by run (baseline, command, baseline, command…) in the same interpreter
and venv, and the table reports the median of the per-pair ratios. Budgets are medians.

    python benchmarks/startup.py [--runs 20] [--json] [--check] [--slack 1.0]
                                 [--only=NAME,NAME]

The first rows time ``floor.py``: a bare Typer command, then one that also validates a
pydantic model, then one that also prints a rich table: the least a command built on
these libraries can take on this machine, in this run. Commands that load pathways have
a second budget against the last of them (``vs floor``): the rest of their work (reading
and checking the shipped files, rendering) may cost only a little more than the stack.
Every run reads every file: there is no cache. Two rows time ``list`` and ``validate``
through ``pythongc.py``, with Python's own garbage collection, to show what the one GC
policy in ``bonemets_cli.__main__.run`` saves.

To benchmark a new command, add one ``Bench`` line to ``BENCHES``; give it ``needs`` (the
command's name) when it may not exist yet, and it is skipped until ``bonemets --help``
lists it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import bonemets_command, clean_env, positive  # beside this script

SHIPPED = Path(__file__).resolve().parent.parent / "pathways"
"""The shipped pathways folder of this checkout (``diff`` compares it with itself)."""
PATHWAY = "{pathway}"
"""Stands for a shipped pathway id: the first entry point in ``bonemets list --format json``."""


@dataclass(frozen=True)
class Bench:
    name: str
    args: tuple[str, ...]
    budget: float | None = None
    floor: float | None = None
    """At most this many times the ``FLOOR_ROW`` of the same run."""
    needs: str | None = None
    script: str | None = None
    """A script beside this one to run instead of bonemets (the stack-floor references)."""


FLOOR = "floor.py"
PYTHON_GC = "pythongc.py"
FLOOR_ROW = "floor: typer+pydantic+rich"
LOADS, NEAR_FLOOR = 3.3, 1.15
"""The budgets of a command that loads the pathways: to ``python -c "import typer"`` and
to ``FLOOR_ROW``."""
BENCHES: tuple[Bench, ...] = (
    Bench("floor: typer", ("typer",), script=FLOOR),
    Bench("floor: typer+pydantic", ("pydantic",), script=FLOOR),
    Bench(FLOOR_ROW, ("rich",), script=FLOOR),
    Bench("--version", ("--version",), 1.3),
    Bench("--help", ("--help",), 2.5),
    Bench("list", ("list",), LOADS, NEAR_FLOOR),
    Bench("validate", ("validate",), LOADS, NEAR_FLOOR),
    # what the GC policy in __main__.run saves: the same commands with Python's own GC
    Bench("list (Python's GC)", ("list",), script=PYTHON_GC),
    Bench("validate (Python's GC)", ("validate",), script=PYTHON_GC),
    Bench("show PATHWAY", ("show", PATHWAY), LOADS, NEAR_FLOOR, needs=PATHWAY),
    Bench(
        "leaflet PATHWAY --format md",
        ("leaflet", PATHWAY, "--format", "md"),
        LOADS,
        NEAR_FLOOR,
        needs="leaflet",
    ),
    # a light command (issue 18): it loads like 'leaflet', then makes the 150 quiz items
    Bench("export html -o -", ("export", "html", "-o", "-"), LOADS, NEAR_FLOOR, needs="export"),
    Bench(
        "export html --quiz-count 0",
        ("export", "html", "--quiz-count", "0", "-o", "-"),
        LOADS,
        NEAR_FLOOR,
        needs="export",
    ),
    Bench("graph PATHWAY", ("graph", PATHWAY), needs=PATHWAY),
    Bench("quiz --help", ("quiz", "--help"), 2.5, needs="quiz"),
    Bench("progress", ("progress",), LOADS, needs="progress"),
    Bench("export anki --help", ("export", "anki", "--help"), 2.5, needs="export"),
    # every shipped case (one per route), and the shipped pathways against themselves
    Bench("test", ("test",), LOADS, NEAR_FLOOR, needs="test"),
    Bench("diff", ("diff", str(SHIPPED), str(SHIPPED)), LOADS, NEAR_FLOOR, needs="diff"),
    Bench("schema", ("schema",)),
)

BASELINE = (sys.executable, "-c", "import typer")


@dataclass
class Result:
    name: str
    ratio: float
    budget: float | None
    baseline_ms: float
    command_ms: float
    floor_ratio: float | None = None
    """``ratio`` over the ``FLOOR_ROW``'s ratio, for a row with a ``floor`` budget."""
    floor_budget: float | None = None

    @property
    def over(self) -> bool:
        over_floor = self.floor_budget is not None and (self.floor_ratio or 0) > self.floor_budget
        return over_floor or (self.budget is not None and self.ratio > self.budget)


def run(argv: Sequence[str], env: dict[str, str]) -> float:
    """Wall seconds of one run; a failing command stops the benchmark with its message."""
    start = time.perf_counter()
    done = subprocess.run(
        argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise SystemExit(f"{' '.join(argv)} exited {done.returncode}: {message}")
    return elapsed


def available(cmd: list[str], env: dict[str, str]) -> tuple[set[str], str | None]:
    """The command names ``bonemets --help`` lists, and the first shipped pathway id."""
    helptext = subprocess.run(
        [*cmd, "--help"], env=env, capture_output=True, text=True, check=True
    ).stdout
    _, _, commands = helptext.partition("Commands")
    names = {line.strip("│ ").split(" ")[0] for line in commands.splitlines()[1:]}
    listed = subprocess.run(
        [*cmd, "list", "--format", "json"], env=env, capture_output=True, text=True, check=True
    ).stdout
    pathways = sorted(json.loads(listed), key=lambda p: not p.get("entry"))  # entry first
    return names, (pathways[0]["id"] if pathways else None)


def paired(bench: list[str], runs: int, env: dict[str, str]) -> tuple[float, float, float]:
    """Median ratio of ``runs`` paired runs, and the median times (ms) of each side."""
    run(BASELINE, env)  # warm caches for both before timing
    run(bench, env)
    ratios: list[float] = []
    base_times: list[float] = []
    cmd_times: list[float] = []
    for i in range(runs):
        if i % 2:  # alternate the order so neither side always runs second
            cmd_t, base_t = run(bench, env), run(BASELINE, env)
        else:
            base_t, cmd_t = run(BASELINE, env), run(bench, env)
        ratios.append(cmd_t / base_t)
        base_times.append(base_t)
        cmd_times.append(cmd_t)
    return (
        statistics.median(ratios),
        statistics.median(base_times) * 1000,
        statistics.median(cmd_times) * 1000,
    )


def measure(runs: int, slack: float, only: Sequence[str] = ()) -> list[Result]:
    """Time the rows named in ``only`` (all when empty), and the floor row they compare to."""
    env = clean_env()
    cmd = bonemets_command()
    names, pathway = available(cmd, env)
    chosen = {b.name for b in BENCHES if not only or b.name in only}
    if any(b.floor is not None for b in BENCHES if b.name in chosen):
        chosen.add(FLOOR_ROW)
    results: list[Result] = []
    for bench in BENCHES:
        if bench.name not in chosen:
            continue
        if bench.needs == PATHWAY and pathway is None:
            continue
        if bench.needs not in (None, PATHWAY) and bench.needs not in names:
            continue
        if PATHWAY in bench.args and pathway is None:
            continue
        args = [pathway if a == PATHWAY and pathway else a for a in bench.args]
        argv = (
            [sys.executable, str(Path(__file__).with_name(bench.script))] if bench.script else cmd
        )
        ratio, base_ms, cmd_ms = paired([*argv, *args], runs, env)
        budget = bench.budget * slack if bench.budget is not None else None
        result = Result(bench.name, ratio, budget, base_ms, cmd_ms)
        floor = next((r for r in results if r.name == FLOOR_ROW), None)
        if bench.floor is not None and floor is not None:
            result.floor_ratio = ratio / floor.ratio
            result.floor_budget = bench.floor * slack
        results.append(result)
    return results


def render(results: list[Result], runs: int) -> str:
    lines = [
        f"bonemets startup: median of {runs} paired runs, ratio to python -c 'import typer'"
        f" (vs floor: to the '{FLOOR_ROW}' row)",
        f"{'command':<30} {'ratio':>6} {'budget':>7} {'vs floor':>9} {'budget':>7}  {'':<4} "
        "(ms: baseline / command)",
    ]
    for r in results:
        budget = f"≤{r.budget:.1f}" if r.budget is not None else "-"
        floor = f"{r.floor_ratio:.2f}×" if r.floor_ratio is not None else "-"
        floor_budget = f"≤{r.floor_budget:.2f}" if r.floor_budget is not None else "-"
        verdict = "OVER" if r.over else ("ok" if r.budget is not None else "")
        lines.append(
            f"{r.name:<30} {r.ratio:>5.2f}× {budget:>7} {floor:>9} {floor_budget:>7}  "
            f"{verdict:<4} ({r.baseline_ms:.0f} / {r.command_ms:.0f})"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=positive, default=20, help="paired runs per command")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--check", action="store_true", help="exit 1 when over a budget")
    parser.add_argument(
        "--slack", type=float, default=1.0, help="multiply every budget (noisy CI machines)"
    )
    parser.add_argument(
        "--only",
        default="",
        metavar="NAMES",
        help="comma-separated rows to time, e.g. --only=--version,--help (default: all)",
    )
    args = parser.parse_args()
    if args.slack <= 0:
        parser.error("--slack must be above 0")
    only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in only if name not in {b.name for b in BENCHES}]
    if unknown:
        parser.error(f"--only: no row {unknown[0]!r}; rows: {', '.join(b.name for b in BENCHES)}")
    results = measure(args.runs, args.slack, only)
    if args.json:
        payload = [
            {
                "command": r.name,
                "ratio": round(r.ratio, 3),
                "budget": r.budget,
                "floor_ratio": None if r.floor_ratio is None else round(r.floor_ratio, 3),
                "floor_budget": r.floor_budget,
                "over": r.over,
                "baseline_ms": round(r.baseline_ms, 1),
                "command_ms": round(r.command_ms, 1),
            }
            for r in results
        ]
        print(json.dumps({"runs": args.runs, "results": payload}, indent=2))
    else:
        print(render(results, args.runs))
    over = [r for r in results if r.over]
    for r in over:
        budgets = [f"{r.ratio:.2f}× (budget {r.budget:.1f}×)"] if r.budget is not None else []
        if r.floor_ratio is not None and r.floor_budget is not None:
            budgets.append(f"{r.floor_ratio:.2f}× the floor (budget {r.floor_budget:.2f}×)")
        print(f"over budget: {r.name} {', '.join(budgets)}", file=sys.stderr)
    return 1 if args.check and over else 0


if __name__ == "__main__":
    raise SystemExit(main())
