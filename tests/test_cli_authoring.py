"""The authoring commands through the real CLI: list, show, graph, schema, folders, colour."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pathwayhelp import ROOT, VALID, PathwayBuilder, RunCli, clean_env, clean_pathway_data

from bonemets_cli import __version__
from bonemets_cli.model import DEFAULT_DISCUSS, Urgency

ANSI = re.compile(r"\x1b\[")


def test_version(run_cli: RunCli) -> None:
    result = run_cli("--version")
    assert (result.returncode, result.stdout) == (0, f"bonemets {__version__}\n")


def test_console_script_is_installed_beside_python() -> None:
    script = Path(sys.executable).parent / "bonemets"
    assert script.exists()
    import subprocess

    result = subprocess.run(
        [script, "--version"], capture_output=True, text=True, env=clean_env(), check=False
    )
    assert (result.returncode, result.stdout) == (0, f"bonemets {__version__}\n")


def test_help_lists_the_commands_and_says_educational_only(run_cli: RunCli) -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("list", "show", "graph", "schema", "validate"):
        assert re.search(rf"^\s+{command}\s", result.stdout, re.MULTILINE), command
    assert "never a diagnosis" in result.stdout


def test_no_arguments_shows_help_and_exits_2(run_cli: RunCli) -> None:
    result = run_cli()
    assert result.returncode == 2
    assert "Usage: bonemets" in result.stdout + result.stderr


# --- list ---------------------------------------------------------------------------


def test_list_table(run_cli: RunCli) -> None:
    result = run_cli("--pathways-dir", VALID, "list")
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}
    assert re.search(
        r"^\s+mini \*\s+Mini pathway for tests\s+1\.0\.0\s+2026-01-01\s+2029-01-01\s*$",
        rows["mini"],
    )
    assert re.search(
        r"^\s+other\s+Other pathway\s+0\.2\.0\s+2026-01-01\s+2029-01-01\s*$", rows["other"]
    )
    assert "* entry point" in result.stdout


def test_list_json(run_cli: RunCli) -> None:
    result = run_cli("--pathways-dir", VALID, "list", "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    by_id = {d["id"]: d for d in data}
    assert set(by_id) >= {"mini", "other", "clean"}
    assert by_id["mini"] == {
        "id": "mini",
        "title": "Mini pathway for tests",
        "version": "1.0.0",
        "reviewed": "2026-01-01",
        "next_review": "2029-01-01",
        "entry": True,
        "file": str(VALID / "mini.yaml"),
    }
    assert by_id["other"]["entry"] is False


def test_pathways_dir_is_repeatable_and_env_adds_more(
    run_cli: RunCli, pathway_builder: PathwayBuilder
) -> None:
    a = pathway_builder("a.yaml", clean_pathway_data(id="alpha"), folder="a").parent
    b = pathway_builder("b.yaml", clean_pathway_data(id="beta"), folder="b").parent
    c = pathway_builder("c.yaml", clean_pathway_data(id="gamma"), folder="c").parent
    d = pathway_builder("d.yaml", clean_pathway_data(id="delta"), folder="d").parent

    def ids(*args: Any, env: dict[str, str] | None = None) -> set[str]:
        result = run_cli(*args, "list", "-f", "json", env=env)
        assert result.returncode == 0, result.stderr
        return {d["id"] for d in json.loads(result.stdout)}

    builtin = ids()
    assert ids("--pathways-dir", a) == builtin | {"alpha"}
    assert ids("--pathways-dir", a, "--pathways-dir", b) == builtin | {"alpha", "beta"}
    env = {"BONEMETS_PATHWAYS": os.pathsep.join([str(c), str(d)])}
    assert ids(env=env) == builtin | {"gamma", "delta"}
    assert ids("--pathways-dir", a, env=env) == builtin | {"alpha", "gamma", "delta"}


@pytest.mark.parametrize("command", [("list",), ("show", "spine"), ("leaflet", "spine")])
def test_a_copied_pathway_that_keeps_its_id_is_reported_as_ignored(
    run_cli: RunCli, tmp_path: Path, command: tuple[str, ...]
) -> None:
    """An edited copy of a shipped pathway must not silently lose to the shipped one."""
    copy = tmp_path / "spine.yaml"
    text = (ROOT / "pathways" / "spine.yaml").read_text(encoding="utf-8")
    copy.write_text(text.replace("title: ", "title: Ward 7 ", 1), encoding="utf-8")

    result = run_cli("--pathways-dir", tmp_path, *command)

    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"bonemets: warning: {copy}: pathway id 'spine' is already used by "
        f"{ROOT / 'pathways' / 'spine.yaml'}, so this file is ignored; give it an id of "
        "its own (e.g. 'spine-local')\n"
    )
    assert "Ward 7" not in result.stdout  # the shipped pathway is the one used


def test_a_copy_with_its_own_id_is_loaded_without_warning(run_cli: RunCli, tmp_path: Path) -> None:
    text = (ROOT / "pathways" / "spine.yaml").read_text(encoding="utf-8")
    assert "\nid: spine\n" in text
    (tmp_path / "spine-ward7.yaml").write_text(
        text.replace("\nid: spine\n", "\nid: spine-ward7\n"), encoding="utf-8"
    )

    result = run_cli("--pathways-dir", tmp_path, "list", "--format", "json")

    assert result.returncode == 0
    assert result.stderr == ""
    assert {"spine", "spine-ward7"} <= {p["id"] for p in json.loads(result.stdout)}


def test_missing_env_folder_is_one_line_error(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("list", env={"BONEMETS_PATHWAYS": str(tmp_path / "gone")})
    assert result.returncode == 1
    assert result.stderr == (
        f"bonemets: error: pathways folder not found: {tmp_path / 'gone'} "
        "(check --pathways-dir or $BONEMETS_PATHWAYS)\n"
    )


# --- show ---------------------------------------------------------------------------


def test_show_tree(run_cli: RunCli) -> None:
    result = run_cli("--pathways-dir", VALID, "show", "mini")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0] == "Mini pathway for tests  mini v1.0.0"
    assert "[question] Red flag?  (ask, symptoms)" in out
    assert "Yes [RED FLAG] → [outcome] !!! EMERGENCY !!! Emergency  (emergency, symptoms)" in out
    assert "0–1 Low → [outcome] ROUTINE Routine  (routine, management)" in out
    assert "2–3 High → continues in pathway other at 'start'" in out
    assert not ANSI.search(out)


def test_show_json_has_resolved_sources_and_discuss_prompts(run_cli: RunCli) -> None:
    result = run_cli("--pathways-dir", VALID, "show", "mini", "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["id"] == "mini"
    nodes = data["nodes"]
    assert nodes["emergency"]["discuss"] == DEFAULT_DISCUSS[Urgency.EMERGENCY]
    assert nodes["routine"]["discuss"] == "Ask your doctor about it."
    assert nodes["teach"]["discuss"] == "Discuss this step with your doctor or specialist nurse."
    assert nodes["ask"]["options"][0]["id"] == "yes"
    assert data["resolved_sources"] == {
        "test-guide": {
            "title": "A test guideline",
            "authors": None,
            "publisher": "Test Institute",
            "year": 2023,
            "url": "https://example.org/guide",
            "kind": "primary",
            "note": None,
        },
        "test-paper": {
            "title": "A test paper",
            "authors": "Doe J, Roe R",
            "publisher": None,
            "year": 2020,
            "url": None,
            "kind": "secondary",
            "note": None,
        },
    }


def test_unknown_pathway_is_one_line_naming_the_known_ones(run_cli: RunCli) -> None:
    for command in ("show", "graph"):
        result = run_cli("--pathways-dir", VALID, command, "nope")
        assert result.returncode == 1
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1
        assert lines[0].startswith("bonemets: error: no pathway 'nope' (known: ")
        known = lines[0].split("(known: ")[1].split(")")[0].split(", ")
        assert known == sorted(known)
        assert {"clean", "mini", "other"} <= set(known)
        assert lines[0].endswith("see 'bonemets list'")


# --- graph --------------------------------------------------------------------------


def test_graph_mermaid(run_cli: RunCli) -> None:
    result = run_cli("--pathways-dir", VALID, "graph", "mini", "--format", "mermaid")
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith("flowchart TD\n")
    subgraphs = re.findall(r'^  subgraph stage_(\w+)\["(\w+)"\]$', out, re.MULTILINE)
    assert subgraphs == [
        ("symptoms", "Symptoms"),
        ("assessment", "Assessment"),
        ("imaging", "Imaging"),
        ("management", "Management"),
    ]
    assert out.count("\n  end\n") == 4
    assert 'mini__emergency(["EMERGENCY: Emergency"])' in out
    assert 'mini__routine(["ROUTINE: Routine"])' in out
    assert 'mini__ask -->|"Yes (red flag)"| mini__emergency' in out
    # a link into another pathway says where it goes and how urgent it can get, coloured so
    assert 'other__start[["continues in other:start: Urgent (URGENT)"]]' in out
    assert "class other__start urgent" in out
    assert "class mini__emergency emergency" in out
    # each node sits in its stage's subgraph
    symptoms = out.split('subgraph stage_symptoms["Symptoms"]')[1].split("  end")[0]
    assert "mini__ask" in symptoms
    assert "mini__emergency" in symptoms
    assert "mini__routine" not in symptoms


def test_graph_dot(run_cli: RunCli) -> None:
    result = run_cli("--pathways-dir", VALID, "graph", "mini", "-f", "dot")
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith('digraph "mini" {\n')
    assert out.rstrip().endswith("}")
    assert out.count("{") == out.count("}")
    clusters = re.findall(r'subgraph "cluster_(\w+)" \{\n    label="(\w+)";', out)
    assert [c[0] for c in clusters] == ["symptoms", "assessment", "imaging", "management"]
    assert '"mini__emergency" [label="EMERGENCY: Emergency"' in out
    assert '"mini__routine" [label="ROUTINE: Routine"' in out
    assert '"mini__scored" -> "other__start" [label="2-3 High"];' in out
    if shutil.which("dot"):  # pragma: no cover - only where Graphviz is installed
        import subprocess

        subprocess.run(["dot", "-Tsvg"], input=out, text=True, check=True, capture_output=True)


def test_graph_quotes_awkward_titles(run_cli: RunCli, pathway_builder: PathwayBuilder) -> None:
    data = clean_pathway_data()
    data["nodes"]["later"]["title"] = 'Say "now" {x} [y]'
    folder = pathway_builder("p.yaml", data, folder="f").parent
    mermaid = run_cli("--pathways-dir", folder, "graph", "clean").stdout
    assert 'clean__later(["ROUTINE: Say #quot;now#quot; {x} [y]"])' in mermaid
    dot = run_cli("--pathways-dir", folder, "graph", "clean", "-f", "dot").stdout
    assert '[label="ROUTINE: Say \\"now\\" {x} [y]"' in dot


def test_graph_unknown_format_is_usage_error(run_cli: RunCli) -> None:
    result = run_cli("--pathways-dir", VALID, "graph", "mini", "--format", "png")
    assert result.returncode == 2


# --- schema -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["pathway", "bibliography", "quiz", "cases"])
def test_shipped_schema_files_equal_the_command_output(run_cli: RunCli, kind: str) -> None:
    args = ("schema",) if kind == "pathway" else ("schema", kind)
    result = run_cli(*args)
    assert result.returncode == 0
    shipped = (ROOT / "pathways" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert result.stdout == shipped, (
        f"regenerate: bonemets schema {kind} > pathways/{kind}.schema.json"
    )


def _jsonable(value: Any) -> Any:
    """Dates → ISO strings, as an editor's YAML language server sees them."""
    import datetime as dt

    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_schema_validates_the_fixture_and_shipped_pathways() -> None:
    import jsonschema

    from bonemets_cli.load.yaml import read_yaml

    schemas = {
        kind: json.loads((ROOT / "pathways" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        for kind in ("pathway", "bibliography", "quiz")
    }
    for schema in schemas.values():
        jsonschema.Draft202012Validator.check_schema(schema)
    files = sorted(VALID.glob("*.yaml")) + sorted((ROOT / "pathways").glob("*.yaml"))
    files = [p for p in files if not p.name.endswith(".cases.yaml")]  # their own schema
    assert len(files) >= 4
    for path in files:
        kind = "bibliography" if path.name == "bibliography.yaml" else "pathway"
        data = _jsonable(read_yaml(path.read_bytes(), str(path)).data)
        jsonschema.validate(data, schemas[kind], cls=jsonschema.Draft202012Validator)
    banks = sorted((ROOT / "pathways" / "quiz").glob("*.yaml"))
    assert banks
    for path in banks:
        data = _jsonable(read_yaml(path.read_bytes(), str(path)).data)
        jsonschema.validate(data, schemas["quiz"], cls=jsonschema.Draft202012Validator)
    # and it refuses what the loader refuses
    broken = _jsonable(read_yaml((VALID / "clean.yaml").read_bytes(), "x").data)
    broken["nodes"]["later"]["urgency"] = "later"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schemas["pathway"], cls=jsonschema.Draft202012Validator)


# --- colour -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("show", "mini"), ("list",), ("validate",), ("graph", "mini"), ("--help",)],
)
def test_no_color_means_no_escapes_even_when_forced(run_cli: RunCli, args: tuple[str, ...]) -> None:
    forced = {"FORCE_COLOR": "1", "TERM": "xterm-256color"}
    plain = run_cli("--pathways-dir", VALID, *args, env={**forced, "NO_COLOR": "1"})
    assert plain.returncode == 0, plain.stderr
    assert not ANSI.search(plain.stdout + plain.stderr)
    if args[0] in ("show", "list"):  # the control: forced colour does colour these
        coloured = run_cli("--pathways-dir", VALID, *args, env=forced)
        assert ANSI.search(coloured.stdout)


@pytest.mark.slow
def test_no_color_in_a_real_terminal(tmp_path: Path) -> None:
    import pexpect

    env = clean_env({"NO_COLOR": "1", "TERM": "xterm-256color"}, tmp_path)
    command = f"{sys.executable} -m bonemets_cli --pathways-dir {VALID} show mini"

    def in_a_pty() -> str:
        # with an encoding, and without withexitstatus, run returns the output alone as text
        out = pexpect.run(command, env=env, timeout=30, cwd=str(tmp_path), encoding="utf-8")
        assert isinstance(out, str)
        return out

    plain = in_a_pty()
    assert "!!! EMERGENCY !!!" in plain
    assert "\x1b[" not in plain
    del env["NO_COLOR"]
    coloured = in_a_pty()
    assert "\x1b[" in coloured


def test_plain_console_fixture_renders_views_deterministically(plain_console: Any) -> None:
    from bonemets_cli.load.loader import load_pathway
    from bonemets_cli.ui.views import pathway_tree

    plain_console.print(pathway_tree(load_pathway(VALID / "mini.yaml").pathway))
    out = plain_console.file.getvalue()
    assert "│   " in out or "├── " in out
    assert "!!! EMERGENCY !!!" in out
    assert not ANSI.search(out)


def test_graph_ids_stay_distinct_for_hyphen_and_underscore() -> None:
    """``a-b`` and ``a_b`` are different nodes and must stay different in the diagram."""
    from bonemets_cli.export.graph import to_dot, to_mermaid
    from bonemets_cli.model import Pathway, PathwaySet

    data = clean_pathway_data()
    first = next(iter(data["nodes"]))
    data["nodes"]["a-b"] = dict(data["nodes"][first])
    data["nodes"]["a_b"] = dict(data["nodes"][first])
    pathway = Pathway.model_validate(data)
    for render in (to_mermaid, to_dot):
        out = render(PathwaySet({pathway.id: pathway}), [pathway.id])
        assert "__a_hb" in out
        assert "__a_ub" in out


@pytest.mark.parametrize(
    ("kind", "files"),
    [
        ("pathway", ["symptoms.yaml", "spine.yaml", "prognosis.yaml"]),
        ("bibliography", ["bibliography.yaml"]),
        ("cases", ["symptoms.cases.yaml", "spine.cases.yaml"]),
    ],
)
def test_a_standard_validator_accepts_the_schema_and_the_shipped_files(
    kind: str, files: list[str]
) -> None:
    """check-jsonschema reads patterns as ECMA-262 regexes, as editors do: a pattern only
    Python's ``re`` understands would break every author's editor."""
    checker = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert checker, "check-jsonschema is in the dev extra"
    result = subprocess.run(
        [checker, "--schemafile", str(ROOT / "pathways" / f"{kind}.schema.json")]
        + [str(ROOT / "pathways" / f) for f in files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
