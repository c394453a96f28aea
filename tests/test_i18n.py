"""Messages in Simplified Chinese: the catalogs against the code, the locale a run speaks,
and a run's output in zh-CN (golden files, regenerated with OCLINT_UPDATE_GOLDEN=1).

The catalogs are gettext .po files (linter/locale/zh-CN/messages.po for the engine,
rules/locale/zh-CN/messages.po for the rules); their templates (messages.pot) are
regenerated from the code by `python -m linter.i18n extract`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from linter import i18n
from linter.cli import main

GOLDEN = Path(__file__).parent / "golden" / "zh-CN"
EXAMPLE = "examples/opencode.jsonc"
CATALOGS = i18n.catalogs(["linter", "rules"])
IDS = [os.path.basename(c.folder) for c in CATALOGS]


def po_entries(catalog, locale=i18n.CHINESE):
    with open(catalog.po_path(locale), encoding="utf-8") as handle:
        return {(e.msgid, e.plural): e for e in i18n.read_po(handle.read()) if e.msgid}


@pytest.mark.parametrize("catalog", CATALOGS, ids=IDS)
def test_every_message_in_the_code_has_a_translation(catalog):
    entries = po_entries(catalog)
    missing = [e.msgid for e in i18n.extract(catalog)[1:]
               if (e.msgid, e.plural) not in entries or not entries[(e.msgid, e.plural)].translated]
    assert not missing, f"untranslated in {catalog.po_path(i18n.CHINESE)} (run `python -m linter.i18n update`):\n" \
        + "\n".join(missing)


@pytest.mark.parametrize("catalog", CATALOGS, ids=IDS)
def test_no_catalog_entry_is_stale(catalog):
    current = {(e.msgid, e.plural) for e in i18n.extract(catalog)[1:]}
    stale = [msgid for msgid, plural in po_entries(catalog) if (msgid, plural) not in current]
    assert not stale, "entries no message in the code matches any longer:\n" + "\n".join(stale)


@pytest.mark.parametrize("catalog", CATALOGS, ids=IDS)
def test_translations_keep_the_placeholders(catalog):
    wrong = []
    for (msgid, plural), entry in po_entries(catalog).items():
        forms = [i18n.placeholders(msgid)] + ([i18n.placeholders(plural)] if plural else [])
        for text in entry.strings.values():
            if i18n.placeholders(text) not in forms:
                wrong.append(f"{msgid!r} -> {text!r}")
    assert not wrong, "a translation's placeholders differ from the original's:\n" + "\n".join(wrong)


@pytest.mark.parametrize("catalog", CATALOGS, ids=IDS)
def test_the_template_is_up_to_date_with_the_code(catalog):
    with open(catalog.pot_path(), encoding="utf-8") as handle:
        assert handle.read() == i18n.pot_text(catalog), "run `python -m linter.i18n extract`"


def test_the_placeholder_check_can_fail():
    assert i18n.placeholders("`{key}` in {path}") != i18n.placeholders("`{key}` 在 {where}")
    assert i18n.placeholders("{count} 个") == i18n.placeholders("{count} problems")
    assert i18n.placeholders("0x{byte:02x}") != i18n.placeholders("0x{byte}")


def test_the_extractor_refuses_what_cannot_be_translated(tmp_path):
    bad = {"f-string": 'from x import _\ndef f(a):\n    return _(f"a {a}")\n',
           "positional": 'from x import _\ndef f(a):\n    return _("a {}").format(a)\n',
           "concatenation": 'from x import _\ndef f(a):\n    return _("a " + a)\n',
           "hidden marker": 'from x import _\ndef f(a):\n    for _ in a:\n        pass\n    return _("a")\n'}
    for name, source in bad.items():
        path = tmp_path / f"{name.replace(' ', '_')}.py"
        path.write_text(source)
        with pytest.raises(i18n.ExtractError):
            i18n.extract_python(str(path), path.name)
    good = tmp_path / "good.py"
    good.write_text('from x import _, N_\nA = N_("b")\ndef f(a):\n    [1 for _ in a]\n'
                    '    return _("a {n}").format(n=a) + _(A)\n')
    assert sorted((m, formatted) for m, _p, _ref, formatted in i18n.extract_python(str(good), "good.py")) == \
        [("a {n}", True), ("b", False)]


def test_po_files_load_through_gettext():
    entries = [i18n.Entry("", strings={0: i18n.PO_HEADERS[i18n.CHINESE]}),
               i18n.Entry('say "{x}"\n', strings={0: '说 "{x}"\n'}),
               i18n.Entry("{n} file", "{n} files", strings={0: "{n} 个文件"}),
               i18n.Entry("untranslated", strings={0: ""}),
               i18n.Entry("fuzzy", strings={0: "模糊"}, flags=["fuzzy"])]
    text = i18n.write_po(entries)
    assert [(e.msgid, e.plural, e.strings) for e in i18n.read_po(text)] == \
        [(e.msgid, e.plural, e.strings) for e in entries]
    import gettext
    import io
    catalog = gettext.GNUTranslations(io.BytesIO(i18n.compile_mo(i18n.read_po(text))))
    assert catalog.gettext('say "{x}"\n') == '说 "{x}"\n'
    assert catalog.ngettext("{n} file", "{n} files", 5) == "{n} 个文件"
    assert catalog.gettext("untranslated") == "untranslated"
    assert catalog.gettext("fuzzy") == "fuzzy"


@pytest.mark.parametrize("value, locale", [
    ("zh_CN.UTF-8", "zh-CN"), ("zh-CN", "zh-CN"), ("zh_Hans", "zh-CN"), ("zh", "zh-CN"),
    ("zh_Hans_CN.utf8", "zh-CN"), ("zh_SG", "zh-CN"), ("en_US.UTF-8", "en"), ("C", "en"), ("POSIX", "en"),
    ("en", "en")])
def test_locale_names(value, locale):
    assert i18n.normalize(value) == locale


@pytest.mark.parametrize("value", ["zh_TW.UTF-8", "zh-Hant", "zh_HK", "fr_FR.UTF-8", "de", "", None, 3])
def test_other_languages_are_not_chinese(value):
    assert i18n.normalize(value) in (None, "en")
    assert i18n.from_env({"LANG": value} if isinstance(value, str) else {}) == "en"


@pytest.mark.parametrize("variable", i18n.ENV_VARIABLES)
def test_each_environment_variable_chooses(variable):
    assert i18n.from_env({variable: "zh_CN.UTF-8"}) == "zh-CN"
    assert i18n.from_env({variable: "en_GB.UTF-8", **{v: "zh_CN.UTF-8" for v in i18n.ENV_VARIABLES
                                                        if i18n.ENV_VARIABLES.index(v) > i18n.ENV_VARIABLES.index(variable)}}) == "en"


def test_lc_all_beats_lc_messages_beats_lang_and_empty_ones_are_skipped():
    assert i18n.from_env({"LC_ALL": "zh_CN.UTF-8", "LC_MESSAGES": "en_US", "LANG": "en_US"}) == "zh-CN"
    assert i18n.from_env({"LC_ALL": "", "LC_MESSAGES": "zh-CN", "LANG": "en_US"}) == "zh-CN"
    assert i18n.from_env({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_Hans"}) == "zh-CN"
    assert i18n.from_env({}) == "en"


def test_flag_beats_setting_beats_environment():
    env = {"LANG": "zh_CN.UTF-8"}
    assert i18n.resolve(None, None, env) == "zh-CN"
    assert i18n.resolve(None, "en", env) == "en"
    assert i18n.resolve("zh-CN", "en", {}) == "zh-CN"
    assert i18n.resolve("en", "zh-CN", env) == "en"
    assert i18n.resolve(None, "zh_CN.UTF-8", {}) == "zh-CN"


def oclint(*args, env=None, cwd=ROOT):
    full = {k: v for k, v in os.environ.items() if k not in (*i18n.ENV_VARIABLES, "GITHUB_ACTIONS")}
    full.update(NO_COLOR="1", **(env or {}))
    exe = Path(sys.executable).with_name("oclint")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=full, cwd=cwd)


SUMMARY_ZH = "发现 9 个问题（7 个错误，2 个警告）。"
SUMMARY_EN = "Found 9 problems (7 errors, 2 warnings)."


@pytest.mark.parametrize("variable", i18n.ENV_VARIABLES)
def test_a_run_speaks_the_environments_language(variable):
    result = oclint(EXAMPLE, env={variable: "zh_CN.UTF-8"})
    assert SUMMARY_ZH in result.stdout


def test_the_setting_and_the_flag_choose_the_language(tmp_path):
    config = tmp_path / "opencode.jsonc"
    config.write_text((ROOT / EXAMPLE).read_text(encoding="utf-8"), encoding="utf-8")
    assert SUMMARY_EN in oclint("opencode.jsonc", cwd=tmp_path).stdout
    (tmp_path / ".oclint.yaml").write_text("locale: zh-CN\n")
    assert SUMMARY_ZH in oclint("opencode.jsonc", cwd=tmp_path).stdout             # setting over none
    assert SUMMARY_ZH in oclint("opencode.jsonc", cwd=tmp_path, env={"LANG": "en_US.UTF-8"}).stdout
    assert SUMMARY_EN in oclint("opencode.jsonc", "--locale", "en", cwd=tmp_path).stdout  # flag over setting
    (tmp_path / ".oclint.yaml").write_text("locale: en\n")
    assert SUMMARY_EN in oclint("opencode.jsonc", cwd=tmp_path, env={"LC_ALL": "zh_CN.UTF-8"}).stdout
    assert SUMMARY_ZH in oclint("opencode.jsonc", "--locale=zh_CN.UTF-8", cwd=tmp_path).stdout
    (tmp_path / ".oclint.yaml").write_text("locale: fr\n")
    result = oclint("opencode.jsonc", cwd=tmp_path)
    assert result.returncode == 2 and "`locale` must be one of en, zh-CN" in result.stderr


def test_a_bad_locale_flag_is_a_usage_error_on_every_command():
    for args in (["--locale", "fr", EXAMPLE], ["rule", "OC103", "--locale", "klingon"],
                 ["config", "--locale", "fr"]):
        result = oclint(*args)
        assert result.returncode == 2, args
        assert result.stderr == "oclint: error: --locale must be one of en, zh-CN (or a name such as " \
            "zh_CN.UTF-8)\n"


def test_locale_en_gives_todays_text_whatever_the_environment():
    english = (Path(__file__).parent / "golden" / "full.txt").read_text(encoding="utf-8")
    inputs = sorted(str(p.relative_to(ROOT)) for pattern in ("*.jsonc", "agent/*.md")
                    for p in (Path(__file__).parent / "golden" / "inputs").glob(pattern))
    result = oclint(*inputs, "--output-format", "full", "--locale", "en", env={"LC_ALL": "zh_CN.UTF-8"})
    assert result.stdout == english


def run_zh(*args):
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return CliRunner().invoke(main, [*args, "--color", "never", "--locale", "zh-CN"],
                                  env={"GITHUB_ACTIONS": None, "NO_COLOR": "1"})
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("fmt", ["full", "json"])
def test_golden_in_chinese(fmt):
    result = run_zh(EXAMPLE, "--output-format", fmt)
    assert result.exit_code == 1, result.output
    golden = GOLDEN / f"{fmt}.txt"
    if os.environ.get("OCLINT_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_machine_formats_keep_codes_and_fields_and_carry_chinese_messages():
    english = json.loads(CliRunner().invoke(main, [EXAMPLE, "--output-format", "json", "--locale", "en"]).stdout)
    chinese = json.loads(run_zh(EXAMPLE, "--output-format", "json").stdout)
    assert [sorted(d) for d in chinese] == [sorted(d) for d in english]
    assert [(d["code"], d["location"]) for d in chinese] == [(d["code"], d["location"]) for d in english]
    assert all(c["message"] != e["message"] for c, e in zip(chinese, english))
    assert any("提供商" in d["message"] for d in chinese)
    for fmt in ("sarif", "gitlab", "junit", "github", "json-lines"):
        out = run_zh(EXAMPLE, "--output-format", fmt).stdout
        assert "提供商" in out and "MR101" in out, fmt


def test_secrets_stay_masked_in_chinese(tmp_path):
    secret = "sk-live-4f9c2a7e81b34d0c9e5f6a1b2c3d4e5f"
    for fmt in ("full", "json", "sarif"):
        result = oclint(EXAMPLE, "--output-format", fmt, "--locale", "zh-CN")
        assert "明文密钥" in result.stdout and secret not in result.stdout, fmt
    config = tmp_path / "opencode.json"
    config.write_text('{"provider": {"mixroute": {"options": {"baseURL": "http://user:%s@1.2.3.4:80/v9", '
                      '"apiKey": "%s"}, "models": {"gpt-4o": {}}}}}' % (secret, secret))
    result = oclint(str(config), "--locale", "zh-CN")
    assert secret not in result.stdout + result.stderr


def test_an_english_run_loads_neither_gettext_nor_a_catalog():
    code = ("import sys\nfrom linter.main import main\n"
            "try:\n    main(['examples/opencode.jsonc', '-q'])\nexcept SystemExit:\n    pass\n"
            "from linter import i18n\nfrom rules import i18n as r\n"
            "print('gettext' in sys.modules, i18n.CATALOG._loaded, r.CATALOG._loaded)")
    env = {k: v for k, v in os.environ.items() if k not in i18n.ENV_VARIABLES}
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                            cwd=ROOT, env=env)
    assert result.stdout.strip().splitlines()[-1] == "False {} {}"
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "linter.i18n" in imported and "gettext" not in imported
    chinese = subprocess.run([sys.executable, "-X", "importtime", "-c", code.replace("'-q'", "'-q', '--locale', 'zh-CN'")],
                             capture_output=True, text=True, cwd=ROOT, env=env)
    assert "gettext" in {line.rsplit("|", 1)[-1].strip() for line in chinese.stderr.splitlines() if "|" in line}


def test_help_and_usage_errors_in_chinese():
    result = oclint("--locale", "zh-CN", "check", "--help")
    assert "用法:" in result.stdout and "应用安全的修复并写入文件。" in result.stdout
    assert "--locale TEXT" in result.stdout
    result = oclint("--locale", "zh-CN", "--nope")
    assert result.returncode == 2 and "没有选项 '--nope'。" in result.stderr
    result = oclint("rule", "OC999", env={"LANG": "zh_CN.UTF-8"})
    assert result.stderr == "oclint: 错误：未知规则 `OC999`\n"


def test_rule_docs_in_chinese_with_english_fallback(monkeypatch, tmp_path):
    import rules  # noqa: F401
    from linter import app, docs
    from linter.registry import REGISTRY
    assert docs.locale_dir("zh-CN") == ROOT / "rules" / "locale" / "zh-CN" / "rules"
    result = oclint("rule", "MR102", "--locale", "zh-CN")
    shipped = (ROOT / "rules" / "locale" / "zh-CN" / "rules" / "MR102.md").read_text(encoding="utf-8")
    assert result.stdout.startswith("# base-url-v1 (MR102)\n\n默认严重级别：error。总是可以修复（安全）。\n\n")
    assert shipped.strip("\n") in result.stdout
    (tmp_path / "OC103.md").write_text("对象中重复的键。\n\n## 作用\n…\n", encoding="utf-8")
    monkeypatch.setattr(docs, "locale_dir", lambda locale: tmp_path)
    i18n.use("zh-CN")
    text = app.rule_doc(REGISTRY["OC103"])
    assert text.startswith("# duplicate-key (OC103)\n\n默认严重级别：error。有时可以修复（不安全）。\n\n对象中重复的键。")
    assert REGISTRY["OC101"].doc in app.rule_doc(REGISTRY["OC101"])     # no translation: the English docstring
    i18n.use("en")
    assert app.rule_doc(REGISTRY["OC103"]).startswith("# duplicate-key (OC103)\n\nDefault severity: error.")


def test_init_mixroute_speaks_chinese(tmp_path):
    result = oclint("--locale", "zh-CN", "init", "mixroute", "opencode.json", "--base-url", "http://gpu:3003",
                    cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "已将提供商 `mixroute`（gpt-4o）添加到 opencode.json。",
        "baseURL 已写为 http://gpu:3003/v1（OpenCode 会在其后追加 /chat/completions；API 位于 /v1 下）。",
        "请在 shell 配置文件中设置密钥：export MIXROUTE_API_KEY=sk-..."]
    again = oclint("init", "mixroute", "opencode.json", "--locale", "zh-CN", cwd=tmp_path)
    assert again.stderr == "oclint: 错误：opencode.json 已有 `mixroute` 提供商；使用 --force 替换它\n"


def test_the_mcp_tools_speak_the_locale(tmp_path):
    pytest.importorskip("mcp")
    import rules
    from linter import app, mcpserver
    tools = mcpserver.Tools(rules.knowledge())
    i18n.use("zh-CN")
    with pytest.raises(app.UsageError, match="^请给出文件的 `path`"):
        tools.lint()
    config = tmp_path / "opencode.json"
    config.write_text('{"$schema": "https://opencode.ai/config.json", "modle": "x"}')
    found = tools.lint(str(config))["diagnostics"]
    assert any("未知的键 `modle`" in d["message"] for d in found)
