"""The built wheel carries the shipped pathways and finds them when installed elsewhere.

The wheel is built from the checkout and installed (no dependencies) into a fresh venv
without system site-packages. The dependencies come from this test run's own
site-packages through a ``.pth`` line: a path added that way is put on ``sys.path`` after
the new venv's own site-packages, and the ``.pth`` files inside it (the editable install
of this checkout) are not run, so ``bonemets_cli`` is imported from the wheel; the test
checks that it is.
"""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from pathwayhelp import ROOT, clean_env

from bonemets_cli import __version__

SHIPPED = sorted(p.name for p in (ROOT / "pathways").iterdir() if p.is_file())


def run(*args: str | Path, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=clean_env(home=cwd),
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv with the freshly built wheel installed; returns the venv folder."""
    base = tmp_path_factory.mktemp("wheel")
    dist = base / "dist"
    built = run(
        sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", dist, ROOT,
        cwd=base,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = dist.glob("bonemets-*.whl")
    venv = base / "venv"
    made = run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=base)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    site = Path(
        run(
            python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=base
        ).stdout.strip()
    )
    deps = sysconfig.get_paths()["purelib"]
    (site / "zz_dev_dependencies.pth").write_text(deps + "\n")
    pip = run(
        sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
        "--quiet", wheel, cwd=base,
    )  # fmt: skip
    assert pip.returncode == 0, pip.stdout + pip.stderr
    return venv


@pytest.mark.slow
def test_wheel_contains_the_shipped_pathways(installed: Path) -> None:
    (wheel,) = (installed.parent / "dist").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "bonemets_cli/pathways/pathway.schema.json" in names
    assert "bonemets_cli/pathways/bibliography.schema.json" in names
    assert "bonemets_cli/pathways/bibliography.yaml" in names
    for name in SHIPPED:
        assert f"bonemets_cli/pathways/{name}" in names


@pytest.mark.slow
def test_installed_wheel_is_the_one_imported(installed: Path, tmp_path: Path) -> None:
    result = run(
        installed / "bin" / "python", "-c",
        "import bonemets_cli, bonemets_cli.load.catalog as c; print(bonemets_cli.__file__); "
        "print(c.builtin_dir())",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    module_file, builtin = result.stdout.splitlines()
    assert Path(module_file).is_relative_to(installed)
    assert Path(builtin).is_relative_to(installed)
    assert Path(builtin).name == "pathways"


@pytest.mark.slow
def test_installed_commands_find_the_shipped_pathways(installed: Path, tmp_path: Path) -> None:
    bonemets = installed / "bin" / "bonemets"
    version = run(bonemets, "--version", cwd=tmp_path)
    assert version.stdout == f"bonemets {__version__}\n"
    for kind in ("pathway", "bibliography"):
        schema = run(bonemets, "schema", kind, cwd=tmp_path)
        assert schema.returncode == 0, schema.stderr
        assert schema.stdout == (ROOT / "pathways" / f"{kind}.schema.json").read_text()
    listed = run(bonemets, "list", "--format", "json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    shipped_ids = {
        line.split(":", 1)[1].strip()
        for name in SHIPPED
        if name.endswith(".yaml") and name != "bibliography.yaml"
        for line in (ROOT / "pathways" / name).read_text().splitlines()
        if line.startswith("id:")
    }
    assert {d["id"] for d in data} == shipped_ids
    assert {"symptoms", "spine", "limb", "imaging", "biopsy", "hypercalcaemia"} <= shipped_ids
    assert [d["id"] for d in data if d["entry"]] == ["symptoms"]
    assert all(Path(d["file"]).is_relative_to(installed) for d in data)
    validated = run(bonemets, "validate", cwd=tmp_path)
    assert validated.returncode == 0, validated.stdout + validated.stderr


@pytest.mark.slow
def test_installed_export_html_finds_its_template_and_script(
    installed: Path, tmp_path: Path
) -> None:
    """The page's template, style sheet and script are package data: the installed
    command writes the same bytes as the source tree."""
    from clihelp import run_bonemets

    out = tmp_path / "installed.html"
    done = run(installed / "bin" / "bonemets", "export", "html", "-o", out, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    here = tmp_path / "here.html"
    assert run_bonemets("export", "html", "-o", here).returncode == 0
    assert out.read_bytes() == here.read_bytes()
    assert b'id="bonemets-data"' in out.read_bytes()
