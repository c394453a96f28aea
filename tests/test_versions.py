"""OpenCode versions: which release a file is judged by (setting, command line, the `opencode`
on PATH, the file's keys), the facts that follow it, and OpenCode 2 configs judged as 2.x."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lintkit import lint_text
from rules import versions

OCLINT = str(Path(sys.executable).with_name("oclint"))
V2_CONFIGS = sorted((Path(__file__).parent / "fixtures_v2").glob("*.jsonc"))
TOP_V2 = set(versions.spellings("top")["v2-only"])


@pytest.fixture(autouse=True)
def _fresh_path_answer():
    versions._ON_PATH.clear()
    yield
    versions._ON_PATH.clear()


def test_releases_are_read_as_written_or_as_the_newest_of_their_line():
    assert versions.parse("1.18.33") == (1, 18, 33)
    assert versions.parse("v1.18.3") == (1, 18, 3)
    assert versions.parse("1.14") == (1, 14, 48)         # the newest 1.14 binary on the registry
    assert versions.parse("1.10") == (1, 10, 0)          # no 1.10 release known
    assert versions.parse("2.0") == (2, 0)
    for bad in ("latest", "1.18.33.1", "", "one"):
        with pytest.raises(versions.VersionError):
            versions.parse(bad)


def test_a_file_in_v2_spellings_only_is_judged_as_2x():
    assert versions.from_keys(["providers", "agents", "model"]).v2
    mixed = versions.from_keys(["providers", "provider"])      # a 1.x user's slip stays 1.x
    assert not mixed.v2 and "`provider`" in mixed.reason
    plain = versions.from_keys(["model"])
    assert plain.release == versions.newest() and plain.source == "default"


def _fake_opencode(folder: Path, body: str) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "opencode"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(0o755)
    return {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"}


def test_the_opencode_on_path_decides_when_nothing_is_set(tmp_path, monkeypatch):
    env = _fake_opencode(tmp_path / "bin", 'echo "1.14.48"')
    monkeypatch.setenv("PATH", env["PATH"])
    found = versions.on_path()
    assert found is not None and found.release == (1, 14, 48) and found.source == "path"
    # under 1.14.48 an unknown top-level key stops OpenCode: the message says so
    [d] = lint_text('{"$schema": "https://opencode.ai/config.json", "modle": "a/b"}', ["OC201"])
    assert "OpenCode 1.14.48 refuses to start" in d.help
    # a version that is set wins, and PATH is not asked again (once per process)
    versions._ON_PATH.clear()
    [d] = lint_text('{"modle": "a/b"}', ["OC201"], {"opencode-version": "1.18.33"})
    assert "1.18.33 drops it" in d.help and versions._ON_PATH == []


def test_a_slow_opencode_on_path_is_given_up_on_after_a_second(tmp_path, monkeypatch):
    env = _fake_opencode(tmp_path / "bin", "sleep 5; echo 1.14.48")
    monkeypatch.setenv("PATH", env["PATH"])
    start = time.monotonic()
    assert versions.on_path() is None
    assert time.monotonic() - start < versions.PATH_TIMEOUT + 1.0


@pytest.mark.parametrize("config", V2_CONFIGS, ids=lambda p: p.name)
def test_valid_v2_configs_get_no_error_under_2x(config):
    for options in ({"opencode-version": "2.0"}, {}):      # set, or recognised by its keys
        errors = [d for d in lint_text(config.read_bytes(), ["ALL"], options, path=str(config))
                  if d.severity.value == "error"]
        assert errors == [], (options, [(d.code, d.message) for d in errors])


@pytest.mark.parametrize("config", V2_CONFIGS, ids=lambda p: p.name)
def test_valid_v2_configs_under_1_18_33_get_the_v1_findings_with_the_hint(config):
    from linter.files import decode
    text = config.read_bytes()
    found = lint_text(text, ["OC201"], {"opencode-version": "1.18.33"}, path=str(config))
    root = decode(str(config), text).root
    top = [m.key for m in root.members()]
    hinted = {d.message.split("`")[1] for d in found if "is an OpenCode 2 key" in d.message}
    # OpenCode 2's MCP block (`mcp.servers`, `mcp.timeout`) is hinted too, and gets no OC204
    block = {f"mcp.{m.key}" for m in versions.v2_mcp_block(root)}
    assert hinted == {k for k in top if k in TOP_V2} | block
    if block:
        assert lint_text(text, ["OC204"], {"opencode-version": "1.18.33"}, path=str(config)) == []


def test_every_top_level_v2_key_is_covered_by_the_valid_configs():
    from linter.files import decode
    schema = json.loads((Path(versions.__file__).parent / "schema" / "opencode2.schema.json").read_text())
    seen = set()
    for config in V2_CONFIGS:
        seen |= {m.key for m in decode(str(config), config.read_bytes()).root.members()}
    assert set(schema["properties"]) <= seen


def test_cli_flag_show_settings_and_config_name_the_version(tmp_path):
    project = tmp_path / "p"
    project.mkdir()
    (project / "opencode.json").write_text('{"providers": {}}')
    (project / ".oclint.yaml").write_text("opencode-version: 1.10\n")
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "PATH": os.path.dirname(sys.executable) + os.pathsep + "/usr/bin:/bin"}
    run = lambda *args: subprocess.run([OCLINT, *args], cwd=project, env=env, capture_output=True, text=True)
    shown = run("--show-settings")
    assert shown.returncode == 0
    assert "OpenCode 1.10.0 (the `opencode-version` setting in" in shown.stdout     # 1.10, not 1.1
    flagged = run("--show-settings", "--opencode-version", "2.0", "opencode.json")
    assert "opencode.json: OpenCode 2.0 (--opencode-version says 2.0)" in flagged.stdout
    bad = run("--opencode-version", "latest", "opencode.json")
    assert bad.returncode == 2 and "--opencode-version must be a release" in bad.stderr
    config = run("config")
    assert config.stdout.splitlines()[-1].startswith("// judged as OpenCode 1.10.0 (the `opencode-version` setting in")
    (project / ".oclint.yaml").unlink()
    config = run("config")
    assert config.stdout.splitlines()[-1].startswith("// judged as OpenCode 2.x (no version is set")
    as_json = run("config", "--output-format", "json")
    assert "judged as" not in as_json.stdout + as_json.stderr and json.loads(as_json.stdout)


def test_autoupdate_true_is_noted_from_1_19_only():
    text = '{"$schema": "https://opencode.ai/config.json", "autoupdate": true}'
    assert [d.code for d in lint_text(text, ["OC852"], {"opencode-version": "1.19.3"})] == ["OC852"]
    assert lint_text(text, ["OC852"], {"opencode-version": "1.18.33"}) == []


# -- agent markdown (item 4): the same version choice -----------------------------------

AGENT = ".opencode/agent/review.md"
V2_AGENT_KEYS = ("system", "disabled", "request", "permissions", "cache")


def test_an_agent_file_in_v2_keys_only_is_judged_as_2x_and_a_mixed_one_as_1x():
    versions._ON_PATH.append(None)                 # no `opencode` on PATH answers
    v2 = "---\ndescription: Reviews\ndisabled: true\nrequest:\n  body: {reasoningEffort: high}\n---\nBody\n"
    assert lint_text(v2, ["OC502"], path=AGENT) == []
    mixed = "---\ndescription: Reviews\ndisabled: true\ntemperature: 0.2\n---\nBody\n"
    found = lint_text(mixed, ["OC502"], path=AGENT)
    assert [(d.line, "OpenCode 1.18.33 does not read it" in d.message) for d in found] == [(3, True)]
    # a command's or a skill's keys never make a file 2.x on their own
    command = "---\ndescription: Review\nvariant: high\nmodel: a/b\n---\nDo it.\n"
    assert lint_text(command, ["OC502"], path=".opencode/command/review.md") == []


def test_under_1_18_33_each_v2_agent_key_gets_the_v1_finding_with_the_hint():
    text = "---\ndescription: Reviews\n" + "".join(f"{k}: 1\n" for k in V2_AGENT_KEYS) + "---\nBody\n"
    found = lint_text(text, ["OC502"], {"opencode-version": "1.18.33"}, path=AGENT)
    hinted = [d.message.split("`")[1] for d in found if "is an OpenCode 2 key" in d.message
              and "moves it into the agent's `options`" in d.message]
    assert hinted == list(V2_AGENT_KEYS)
    assert lint_text(text, ["OC503"], {"opencode-version": "1.18.33"}, path=AGENT) == []   # any type loads


def test_under_2x_one_v1_key_makes_the_v2_keys_of_the_file_unapplied():
    text = "---\ndescription: Reviews\ndisabled: true\nprompt: x\n---\nBody\n"
    found = {(d.code, d.line): d.message for d in lint_text(text, ["OC502", "OC504"], {"opencode-version": "2.0"},
                                                            path=AGENT)}
    assert sorted(found) == [("OC502", 3), ("OC502", 4), ("OC504", 4)]
    assert "reads this file as an OpenCode 1 agent because of `prompt` (line 4)" in found["OC502", 3]
    assert found["OC502", 4].startswith("`prompt` is the OpenCode 1 spelling")
    # without the V1 key the file is an OpenCode 2 agent: `system:` is what the body replaces
    clean = "---\ndescription: Reviews\nsystem: x\n---\nBody\n"
    assert [d.message.split("`")[1] for d in lint_text(clean, ["OC502", "OC504"], {"opencode-version": "2.0"},
                                                        path=AGENT)] == ["system"]
