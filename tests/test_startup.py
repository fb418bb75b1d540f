"""Start-up as a real process meets it: no third-party plugin runs, Ctrl-C at any moment.

(Which modules each command imports is budgeted in ``test_import_budget.py``.)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pathwayhelp import clean_env


def test_third_party_pydantic_plugins_are_not_loaded(tmp_path: Path) -> None:
    """pydantic would scan every installed package for plugins, and run any it finds
    inside bonemets; an installed plugin must stay unloaded."""
    (tmp_path / "spyplugin.py").write_text(
        f"open({str(tmp_path / 'loaded')!r}, 'w').close()\nplugin = object()\n"
    )
    info = tmp_path / "spyplugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: spyplugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[pydantic]\nspy = spyplugin:plugin\n")
    env = clean_env({"PYTHONPATH": str(tmp_path)})
    probe = "import pydantic.plugin._loader as l; print(len(list(l.get_plugins())))"
    control = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=False
    )
    assert control.stdout.strip() == "1", "the spy plugin is not discoverable: test is vacuous"
    (tmp_path / "loaded").unlink()

    result = subprocess.run(
        [sys.executable, "-m", "bonemets_cli", "list"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "loaded").exists()


def test_ctrl_c_at_any_moment_of_start_up_is_130_without_a_traceback() -> None:
    """From the moment Python has started until the command is done: one line, exit 130.

    (A signal inside the interpreter's own start-up, before ``run()`` is entered, is
    Python's to report; the delays begin once a bare interpreter would be up, but on a
    busy machine one start-up can take longer than that, so such a traceback is allowed
    when it never passed through ``run()``.)
    """
    import signal
    import time

    # bytecode written first, as an installed wheel has it (clean_env writes none)
    warm = {k: v for k, v in clean_env().items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [sys.executable, "-m", "bonemets_cli", "list"], check=True, env=warm, capture_output=True
    )

    def bare_interpreter() -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True, env=clean_env())
        return time.perf_counter() - started

    # the quickest of five: one slow sample on a busy machine would put every delay
    # after the command has finished, and then no signal lands at all
    interpreter = min(bare_interpreter() for _ in range(5))
    delays = [interpreter * 1.5 + step * 0.015 for step in range(16)]
    endings: list[int | str] = []  # exit codes, or "before run()"
    for delay in delays:
        child = subprocess.Popen(
            [sys.executable, "-m", "bonemets_cli", "list"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=clean_env(),
        )
        time.sleep(delay)
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=30)
        if "Traceback" in err and ", in run\n" not in err and "bonemets_cli/cli" not in err:
            endings.append("before run()")
            continue
        assert "Traceback" not in err, (delay, err)
        endings.append(child.returncode)
        if child.returncode == 130:
            assert err.splitlines()[-1] == "bonemets: interrupted", err
    assert set(endings) <= {0, 130, -signal.SIGINT, "before run()"}, endings
    assert 130 in endings  # the signal did land while bonemets was running


def test_the_gc_policy_of_run_and_the_benchmark_that_undoes_it() -> None:
    """``run()`` leaves the collector off and every object frozen (so the interpreter's
    last full collection skips them); ``benchmarks/pythongc.py`` times the same command
    with both undone, which is how the startup table shows what they save."""
    probe = (
        "import gc, sys\n"
        "sys.argv = ['bonemets', 'list', '--format', 'json']\n"
        "{undo}from bonemets_cli.__main__ import run\n"
        "code = run()\n"
        "print(code, gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr)\n"
    )
    undo = "gc.disable = gc.freeze = lambda: None\n"
    ours, python = (
        subprocess.run(
            [sys.executable, "-c", probe.format(undo=u)],
            env=clean_env(),
            capture_output=True,
            text=True,
            check=True,
        ).stderr.split()
        for u in ("", undo)
    )
    assert ours == ["0", "False", "True"]
    assert python == ["0", "True", "False"]
    bench = Path(__file__).resolve().parent.parent / "benchmarks" / "pythongc.py"
    listed = subprocess.run(
        [sys.executable, str(bench), "list", "--format", "json"],
        env=clean_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"symptoms"' in listed.stdout
