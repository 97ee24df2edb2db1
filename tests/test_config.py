"""Configuration files: the nearest one applies to each file, extend, per-file ignores, excludes, command-line
overrides, clear errors, and the views of it (`rectlint config [KEY]`, `check --show-settings / --show-files`)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, ROOT
from rectlint.cli import main
from rectlint.config import load
from rectlint.discover import discover
from rectlint.resolver import Resolver

NOTICE = EXAMPLES / "layout-numbered.txt"  # D004 D006 E001 E007 R001 W001 W003


def run(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def notice(path: Path, example: Path = NOTICE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(example, path)
    return path


def findings(result) -> dict[str, set[str]]:
    """Codes found per file, by the file's name as reported."""
    assert result.exit_code in (0, 1), result.output
    return {f["path"]: {d["code"] for d in f["diagnostics"]} for f in json.loads(result.output)["files"]}


def shown_files(*args: str) -> list[str]:
    r = run("check", "--show-files", *args)
    assert r.exit_code == 0, r.output
    return r.output.split()


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A repository with nested configuration files; the current directory is its top."""
    write(tmp_path / "rectlint.toml", 'select = ["D004", "E001", "W003"]\n')
    notice(tmp_path / "top.txt")
    write(tmp_path / "sub" / "pyproject.toml", '[tool.rectlint]\nselect = ["W001"]\n')
    notice(tmp_path / "sub" / "mid.txt")
    notice(tmp_path / "sub" / "deep" / "low.txt")
    write(tmp_path / "ext" / "rectlint.toml", 'extend = "../rectlint.toml"\nignore = ["E001"]\n')
    notice(tmp_path / "ext" / "e.txt")
    write(tmp_path / "plain" / "pyproject.toml", '[project]\nname = "x"\n')  # no [tool.rectlint]: not a config
    notice(tmp_path / "plain" / "p.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_configuration_file_may_open_with_a_byte_order_mark(tree) -> None:
    (tree / "rectlint.toml").write_bytes(b"\xef\xbb\xbf" + (tree / "rectlint.toml").read_bytes())
    assert findings(run("check", "--output-format", "json", "top.txt")) == {"top.txt": {"D004", "E001", "W003"}}


@pytest.mark.parametrize("target", ["gone.toml", "rectlint.toml"])  # dangling, and a link to itself
def test_a_configuration_file_that_is_a_broken_link_is_an_error(tree, target: str) -> None:
    (tree / "sub" / "rectlint.toml").symlink_to(target)
    r = run("check", "sub/mid.txt")
    assert r.exit_code == 2
    assert r.output == "rectlint: error: sub/rectlint.toml: cannot read (a broken symbolic link or a link loop)\n"


def test_each_file_gets_its_nearest_configuration(tree) -> None:
    assert findings(run("check", "--output-format", "json", ".")) == {
        "ext/e.txt": {"D004", "W003"},  # extends the top file, less E001
        "plain/p.txt": {"D004", "E001", "W003"},  # a pyproject.toml without the table is passed over
        "sub/deep/low.txt": {"W001"},  # no merging across levels: only sub's select
        "sub/mid.txt": {"W001"},
        "top.txt": {"D004", "E001", "W003"},
    }


def test_files_named_from_another_directory_still_get_their_nearest_configuration(tree, monkeypatch) -> None:
    monkeypatch.chdir(tree / "sub")
    assert findings(run("check", "--output-format", "json", "../top.txt", "mid.txt")) == {
        "../top.txt": {"D004", "E001", "W003"}, "mid.txt": {"W001"}}


def test_files_outside_every_configuration_use_the_current_directorys(tree, tmp_path_factory) -> None:
    outside = notice(tmp_path_factory.mktemp("elsewhere") / "n.txt")
    assert findings(run("check", "--output-format", "json", str(outside))) == {
        str(outside): {"D004", "E001", "W003"}}


def test_config_option_forces_one_file_and_isolated_ignores_them_all(tree) -> None:
    found = findings(run("check", "--output-format", "json", "--config", "sub/pyproject.toml", "."))
    assert set(map(frozenset, found.values())) == {frozenset({"W001"})}
    found = findings(run("check", "--output-format", "json", "--isolated", "sub/mid.txt"))
    assert found["sub/mid.txt"] == {"D004", "D006", "E001", "E007", "R001", "W001", "W003"}


def test_stdin_uses_the_configuration_of_its_names_directory(tree) -> None:
    data = NOTICE.read_bytes()
    assert findings(run("check", "--output-format", "json", "-", stdin=data)) == {"-": {"D004", "E001", "W003"}}
    assert findings(run("check", "--output-format", "json", "--stdin-filename", "sub/x.txt", "-", stdin=data)) == {
        "sub/x.txt": {"W001"}}


def test_configuration_files_are_read_once_per_directory(tree, monkeypatch) -> None:
    for i in range(30):
        notice(tree / "sub" / "deep" / f"n{i:02}.txt")
    import rectlint.resolver as resolver_module

    looked: list[Path] = []
    real = resolver_module.find_in
    monkeypatch.setattr(resolver_module, "find_in", lambda d: looked.append(d) or real(d))
    resolver = Resolver()
    targets = list(discover(["."], resolver=resolver))
    settings = {id(resolver.settings_for(t)) for t in targets}
    assert len(targets) == 35
    assert len(looked) == len(set(looked)) == 5  # ., ext, plain, sub, sub/deep
    assert len(settings) == 3  # one Settings per configuration file in play


def test_command_line_flags_override_the_file(tree) -> None:
    assert findings(run("check", "--output-format", "json", "--select", "D006", "top.txt")) == {"top.txt": {"D006"}}
    found = findings(run("check", "--output-format", "json", "--ignore", "W", "--extend-select", "R001", "."))
    assert found["top.txt"] == {"D004", "E001", "R001"} and found["sub/mid.txt"] == {"R001"}
    write(tree / "rectlint.toml", 'select = ["W003"]\nfail-level = "error"\n')
    assert run("check", "top.txt").exit_code == 0  # W003 is a warning, below the configured fail level
    assert run("check", "--fail-level", "warning", "top.txt").exit_code == 1


def test_severity_and_options_by_code_or_name(tmp_path, monkeypatch) -> None:
    write(tmp_path / "pyproject.toml", '[tool.rectlint]\nselect = ["E001", "W003", "S004"]\n'
          '[tool.rectlint.severity]\ndone-without-evidence = "error"\n'
          '[tool.rectlint.options]\nE001 = { require_commitment = false }\n'
          'contact-incomplete = { required = ["phone"] }\n')
    notice(tmp_path / "a.txt", EXAMPLES / "layout-problem-labelled.txt")
    monkeypatch.chdir(tmp_path)
    doc = json.loads(run("check", "--output-format", "json", "a.txt").output)
    found = {(d["code"], d["severity"], d["message"]) for d in doc["files"][0]["diagnostics"]}
    assert ("E001", "error") in {f[:2] for f in found}
    assert not [m for c, _, m in found if c == "S004" and "缺少" in m]  # only the phone is required


def test_per_file_ignores_with_globs(tree) -> None:
    write(tree / "rectlint.toml", 'select = ["D004", "E001", "W003"]\n'
          '[per-file-ignores]\n"drafts/**" = ["D004"]\n"*-old.txt" = ["E"]\n"!**/keep/*.txt" = ["W003"]\n')
    for name in ("drafts/a/n.txt", "sub2/n-old.txt", "keep/n.txt", "n.txt"):
        notice(tree / name)
    assert findings(run("check", "--output-format", "json", "drafts", "sub2", "keep", "n.txt")) == {
        "drafts/a/n.txt": {"E001"},  # ** spans directories; not in keep/, so W003 goes too
        "sub2/n-old.txt": {"D004"},  # a glob without a slash matches the name in any directory
        "keep/n.txt": {"D004", "E001", "W003"},  # `!glob`: only files it does not match lose W003
        "n.txt": {"D004", "E001"},
    }


def test_per_file_ignores_are_relative_to_their_file_and_extend_adds_to_them(tree) -> None:
    write(tree / "rectlint.toml", 'select = ["D004", "E001", "W003"]\n[per-file-ignores]\n"ext/*.txt" = ["D004"]\n')
    write(tree / "ext" / "rectlint.toml", 'extend = "../rectlint.toml"\n'
          '[extend-per-file-ignores]\n"*.txt" = ["W003"]\n"ext/*.txt" = ["E001"]\n')
    # the base's glob is read from the top directory, the extension's from ext/ (where ext/ext/*.txt is nothing)
    assert findings(run("check", "--output-format", "json", "ext"))["ext/e.txt"] == {"E001"}


def test_default_excludes_and_explicit_files(tree) -> None:
    for name in ("build/b.txt", ".hidden/h.txt", "node_modules/m.md", "drafts/d.txt"):
        notice(tree / name)
    assert shown_files(".") == ["drafts/d.txt", "ext/e.txt", "plain/p.txt", "sub/deep/low.txt", "sub/mid.txt",
                                "top.txt"]
    assert shown_files("build/b.txt", "top.txt") == ["build/b.txt", "top.txt"]  # named: checked anyway
    assert shown_files("--force-exclude", "build/b.txt", "top.txt") == ["top.txt"]  # unless forced
    assert shown_files("--force-exclude", "build") == []


def test_extend_exclude_adds_and_exclude_replaces(tree) -> None:
    for name in ("build/b.txt", "drafts/d.txt", "ext/drafts/x.txt"):
        notice(tree / name)
    write(tree / "rectlint.toml", 'extend-exclude = ["drafts", "ext/**", "sub/deep"]\n')
    # ext/ extends this file, so its excludes hold there; sub/ has a configuration of its own, whose excludes
    # decide about its contents, while the excludes above decide about sub/ itself
    assert shown_files(".") == ["plain/p.txt", "sub/deep/low.txt", "sub/mid.txt", "top.txt"]
    write(tree / "rectlint.toml", 'extend-exclude = ["drafts", "sub"]\n')
    assert shown_files(".") == ["ext/e.txt", "plain/p.txt", "top.txt"]
    write(tree / "rectlint.toml", 'exclude = ["drafts"]\n')
    assert "build/b.txt" in shown_files(".") and "drafts/d.txt" not in shown_files(".")
    assert shown_files("--force-exclude", "drafts/d.txt", "ext/drafts/x.txt") == []  # inside an excluded directory
    assert shown_files("--exclude", "sub,ext,plain", ".") == ["build/b.txt", "drafts/d.txt", "top.txt"]
    data = NOTICE.read_bytes()
    r = run("check", "--force-exclude", "--stdin-filename", "drafts/n.txt", "--output-format", "json", "-",
            stdin=data)
    assert findings(r) == {}


def test_gitignored_files_are_skipped_when_searching(tree) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", str(tree)], check=True)
    write(tree / ".gitignore", "sub/deep/\nplain/*.txt\nscratch.txt\n")
    notice(tree / "scratch.txt")  # at the top: git names it without a folder
    assert shown_files(".") == ["ext/e.txt", "sub/mid.txt", "top.txt"]
    write(tree / "rectlint.toml", "respect-gitignore = false\n")
    assert shown_files(".") == ["ext/e.txt", "plain/p.txt", "scratch.txt", "sub/mid.txt", "top.txt"]  # sub/: its own


@pytest.mark.parametrize(("content", "message"), [
    ('[tool.rectlint]\nseverity = { E001 = "fatal" }\n', "pyproject.toml: severity.E001: 'fatal' is not one of"),
    ('[tool.rectlint]\noptions = { E001 = { nope = 1 } }\n', "pyproject.toml: options.E001.nope: E001 has no such"),
    ('[tool.rectlint]\noptions = { D010 = { max_days = "120" } }\n',
     'pyproject.toml: options.D010.max_days: expected an integer, got "120" (default: 180)'),
    ('[tool.rectlint.options]\ncontact-incomplete = { required = ["phone", "fax"] }\n',
     "pyproject.toml: options.contact-incomplete.required: unknown channel 'fax' (channels: phone, address, email)"),
    ('[tool.rectlint.options]\nS004 = { required = "phone" }\n',
     "pyproject.toml: options.S004.required: expected a list, got \"phone\""),
    ('[tool.rectlint]\nselectt = ["E"]\n', "pyproject.toml: selectt: unknown setting (did you mean 'select'?)"),
    ('[tool.rectlint]\nselect = ["E", "X999"]\n', "pyproject.toml: select[1]: unknown rule selector 'X999'"),
    ('[tool.rectlint]\nseverity = { X999 = "info" }\n', "pyproject.toml: severity.X999: no such rule"),
    ('[tool.rectlint.per-file-ignores]\n"drafts/**" = ["Q1"]\n',
     "pyproject.toml: per-file-ignores.\"drafts/**\"[0]: unknown rule selector 'Q1'"),
    ('[tool.rectlint]\nexclude = "build"\n', "pyproject.toml: exclude: 'build' is not of type 'array'"),
    ('[tool.rectlint]\nextend-exclude = ["{a,b"]\n', "pyproject.toml: extend-exclude[0]: unclosed '{'"),
    ('[tool.rectlint]\nextend = "missing.toml"\n', "pyproject.toml: extend: no such file 'missing.toml'"),
    ('[tool.rectlint]\nextend = "pyproject.toml"\n', "pyproject.toml: extend: 'pyproject.toml' extends this file"),
    ('[tool.rectlint\n', "pyproject.toml: not valid TOML"),
    ('tool = 5\n', "pyproject.toml: tool: expected a table"),
    ('tool = { rectlint = 5 }\n', "pyproject.toml: tool.rectlint: expected a table"),
])
def test_bad_configuration_is_one_clear_line(tree, content: str, message: str) -> None:
    write(tree / "sub" / "pyproject.toml", content)
    r = run("check", "top.txt", "sub/mid.txt")
    assert r.exit_code == 2
    assert r.output == f"rectlint: error: sub/{message}" + r.output.split(message, 1)[1]
    assert r.output.count("\n") == 1 and "Traceback" not in r.output


def test_an_error_in_an_extended_file_names_that_file(tree) -> None:
    write(tree / "rectlint.toml", 'ignore = ["nothing-like-this"]\n')
    r = run("check", "ext/e.txt")
    assert r.exit_code == 2 and r.output.startswith("rectlint: error: rectlint.toml: ignore[0]: unknown rule")


def test_config_lists_and_explains_the_keys() -> None:
    listed = run("config").output
    schema = json.loads(run("config", "--schema").output)
    assert schema["title"] == "rectlint configuration"
    for key in schema["properties"]:
        assert re.search(rf"^{key} +\S", listed, re.M), key
    r = run("config", "per-file-ignores")
    assert r.exit_code == 0
    assert "Type: table of lists of strings" in r.output and "Default: {}" in r.output
    assert '    [per-file-ignores]\n    "drafts/**" = ["S", "D010"]' in r.output
    r = run("config", "exclude")
    assert 'Default: [".*", "__pycache__"' in r.output and "--force-exclude" in r.output
    r = run("config", "nope")
    assert r.exit_code == 2 and "no setting 'nope'" in r.output


def test_every_example_in_the_schema_and_the_readme_is_a_valid_configuration(tmp_path) -> None:
    schema = json.loads(run("config", "--schema").output)
    for key, prop in schema["properties"].items():
        for value in [*prop.get("examples", []), *([prop["default"]] if "default" in prop else [])]:
            if key != "extend":
                load(tmp_path / "rectlint.toml", {key: value})
    readme = (ROOT / "README.md").read_text("utf-8").split("## Configuration", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```toml\n(.*?)```", readme, re.S).group(1)
    table = tomllib.loads(block)["tool"]["rectlint"]
    write(tmp_path / "base" / "rectlint.toml", "")
    table["extend"] = "base/rectlint.toml"
    assert set(table) == set(schema["properties"])  # the README shows every key
    load(tmp_path / "pyproject.toml", table)


def test_show_settings(tree) -> None:
    write(tree / "sub" / "pyproject.toml", '[tool.rectlint]\nextend = "../rectlint.toml"\n'
          'severity = { W003 = "error" }\noptions = { D010 = { max_days = 120 } }\nextend-select = ["D010"]\n'
          '[tool.rectlint.per-file-ignores]\n"deep/*" = ["E001"]\n')
    r = run("check", "--show-settings", "sub/deep/low.txt")
    assert r.exit_code == 0, r.output
    out = r.output
    assert "# Settings for sub/deep/low.txt" in out
    assert "# Configuration file: sub/pyproject.toml\n#   extends rectlint.toml" in out
    assert re.search(r'rules = \[  # 3 selected\n  "D004",  # impossible-date\n  "D010",.*\n  "W003",', out)
    assert '"E001"' not in out.split("rules =")[1].split("]")[0]  # removed for this file by per-file-ignores
    assert 'per-file-ignores = { "deep/*" = ["E001"] }' in out
    assert 'W003 = "error"\n' in out and 'D004 = "error"  # default' in out
    assert "D010 = { min_days = 30, max_days = 120 }" in out
    assert 'exclude = [".*", "__pycache__"' in out and 'fail-level = "warning"' in out
