"""Time what a person waits for in a real terminal: the first question, and each Enter.

``walk`` and ``quiz`` run in a pseudo-terminal (pexpect, 120×50), interleaved with a
baseline, ``bonemets list`` in the same kind of terminal (baseline, walk, baseline,
quiz…). The first-prompt figure is the median of the per-pair ratios; a step is the time
from sending Enter to the next prompt drawn in full (its key hint is the last line
drawn). The walk goes six steps into the symptom pathway and back again until it has
taken 40 steps; the quiz answers 45 questions. Every run also logs the garbage
collector's pauses (``gc.callbacks``, set by the launcher below, not by bonemets) and
reports the longest one that fell inside a step.

    python benchmarks/latency.py [--runs 3] [--json] [--check] [--slack 1.0]

``--check`` exits 1 when a first prompt takes more than 1.2× the baseline, or the steps'
median is over 50 ms or their p90 over 100 ms; ``--slack`` multiplies every budget.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pexpect

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import clean_env, positive  # beside this script

FIRST_RATIO = 1.2
STEP_MEDIAN = 0.050
STEP_P90 = 0.100
WALK_STEPS = 40
QUIZ_STEPS = 45
READY = "then Enter"  # in the key hint, the last line of every walk and quiz prompt
TIMEOUT = 30

LAUNCHER = """
import atexit, gc, json, os, sys, time
log, started = [], {}
def pause(phase, info):
    if phase == "start":
        started["t"] = time.monotonic()
    else:
        log.append((time.monotonic(), time.monotonic() - started["t"], info["generation"]))
gc.callbacks.append(pause)
def save():
    with open(os.environ["LATENCY_GC_LOG"], "w") as out:
        json.dump(log, out)
atexit.register(save)
from bonemets_cli.__main__ import run
sys.argv[0] = "bonemets"
sys.exit(run())
"""
"""Runs bonemets as its console script does, and logs every collection with its length."""


@dataclass
class Run:
    """One walk or quiz: the time to its first prompt and the time of each step."""

    first: float
    steps: list[float] = field(default_factory=list)
    gc_in_steps: float = 0.0  # the longest collector pause after the first prompt


def spawn(args: list[str], env: dict[str, str], log: Path) -> pexpect.spawn[str]:
    child: pexpect.spawn[str] = pexpect.spawn(
        sys.executable,
        ["-c", LAUNCHER, *args],
        env={**env, "LATENCY_GC_LOG": str(log), "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"},
        dimensions=(50, 120),
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    child.delaybeforesend = None  # pexpect waits 50 ms before each send unless told not to
    return child


def drain(child: pexpect.spawn[str], quiet: float = 0.05) -> None:
    """Read until nothing comes for ``quiet`` seconds (a redrawn highlight)."""
    while True:
        try:
            child.read_nonblocking(65536, timeout=quiet)
        except pexpect.TIMEOUT:
            return


def step(child: pexpect.spawn[str], key: str) -> float:
    """Press ``key`` (it moves the highlight), then time Enter → the next prompt."""
    child.send(key)
    drain(child)
    start = time.perf_counter()
    child.send("\r")
    child.expect_exact(READY)
    took = time.perf_counter() - start
    drain(child, 0.02)
    return took


def gc_pauses(log: Path, after: float) -> float:
    pauses = json.loads(log.read_text(encoding="utf-8")) if log.exists() else []
    return max((length for at, length, _ in pauses if at >= after), default=0.0)


def baseline(env: dict[str, str], folder: Path) -> float:
    start = time.perf_counter()
    child = spawn(["list"], env, folder / "list-gc.json")
    child.expect(pexpect.EOF)
    child.close()
    return time.perf_counter() - start


def walk(env: dict[str, str], folder: Path) -> Run:
    """No six times into the symptom pathway, back six times, and so on: 40 Enters."""
    log = folder / "walk-gc.json"
    start = time.perf_counter()
    child = spawn(["walk"], env, log)
    child.expect_exact(READY)
    run = Run(time.perf_counter() - start)
    ready = time.monotonic()
    drain(child)
    while len(run.steps) < WALK_STEPS:
        for key in ["3"] * 6 + ["b"] * 6:
            if len(run.steps) < WALK_STEPS:
                run.steps.append(step(child, key))
    child.send("q\r")
    child.expect(pexpect.EOF)
    child.close()
    run.gc_in_steps = gc_pauses(log, ready)
    return run


def quiz(env: dict[str, str], folder: Path, seed: int) -> Run:
    """45 questions, each answered A, into a fresh database."""
    log = folder / "quiz-gc.json"
    data = Path(tempfile.mkdtemp(dir=folder))
    args = ["quiz", "-n", str(QUIZ_STEPS), "--seed", str(seed), "--data-dir", str(data)]
    start = time.perf_counter()
    child = spawn(args, env, log)
    child.expect_exact(READY)
    run = Run(time.perf_counter() - start)
    ready = time.monotonic()
    drain(child)
    for _ in range(QUIZ_STEPS - 1):
        run.steps.append(step(child, "a"))
    child.send("a\r")  # the last answer ends the quiz: no prompt follows
    child.expect("Score: ")
    child.expect(pexpect.EOF)
    child.close()
    run.gc_in_steps = gc_pauses(log, ready)
    return run


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def measure(runs: int) -> dict[str, Any]:
    env = clean_env()
    rows: dict[str, dict[str, list[float]]] = {
        name: {"ratios": [], "steps": [], "gc": []} for name in ("walk", "quiz")
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in range(runs):
            for name in ("walk", "quiz"):
                base = baseline(env, folder)
                run = walk(env, folder) if name == "walk" else quiz(env, folder, seed=n + 1)
                rows[name]["ratios"].append(run.first / base)
                rows[name]["steps"] += run.steps
                rows[name]["gc"].append(run.gc_in_steps)
    return {
        name: {
            "first_prompt_ratio": statistics.median(row["ratios"]),
            "steps": len(row["steps"]),
            "median_ms": statistics.median(row["steps"]) * 1000,
            "p90_ms": p90(row["steps"]) * 1000,
            "max_ms": max(row["steps"]) * 1000,
            "over_100ms": sum(s > 0.1 for s in row["steps"]),
            "gc_max_ms": max(row["gc"]) * 1000,
        }
        for name, row in rows.items()
    }


def problems(results: dict[str, Any], slack: float) -> list[str]:
    out = []
    for name, row in results.items():
        if row["first_prompt_ratio"] > FIRST_RATIO * slack:
            out.append(f"{name}: first prompt {row['first_prompt_ratio']:.2f}× list")
        if row["median_ms"] > STEP_MEDIAN * 1000 * slack:
            out.append(f"{name}: step median {row['median_ms']:.0f} ms")
        if row["p90_ms"] > STEP_P90 * 1000 * slack:
            out.append(f"{name}: step p90 {row['p90_ms']:.0f} ms")
    return out


def table(results: dict[str, Any], slack: float) -> str:
    lines = [
        "| row | first prompt / `list` | Enter → next prompt: median | p90 | max | "
        "steps over 100 ms | longest GC pause in a step |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, row in results.items():
        lines.append(
            f"| {name} | {row['first_prompt_ratio']:.2f}× | {row['median_ms']:.0f} ms | "
            f"{row['p90_ms']:.0f} ms | {row['max_ms']:.0f} ms | "
            f"{row['over_100ms']} of {row['steps']} | {row['gc_max_ms']:.0f} ms |"
        )
    lines.append(
        f"budgets: first prompt ≤ {FIRST_RATIO * slack:.2f}×, median ≤ "
        f"{STEP_MEDIAN * 1000 * slack:.0f} ms, p90 ≤ {STEP_P90 * 1000 * slack:.0f} ms"
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=positive, default=3, help="walks and quizzes each")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--check", action="store_true", help="exit 1 when over a budget")
    parser.add_argument(
        "--slack", type=float, default=1.0, help="multiply every budget (noisy CI machines)"
    )
    args = parser.parse_args()
    if args.slack <= 0:
        parser.error("--slack must be above 0")
    os.environ.pop("BONEMETS_DATA_DIR", None)
    results = measure(args.runs)
    over = problems(results, args.slack)
    if args.json:
        print(json.dumps({"results": results, "over_budget": over}, indent=2))
    else:
        print(table(results, args.slack))
        for line in over:
            print(f"over budget: {line}")
    return 1 if args.check and over else 0


if __name__ == "__main__":
    sys.exit(main())
