"""drafter's cache of loaded templates and rules: faster on the second run, never different.

Every test gets an empty cache folder of its own and renders through the real CLI, so
the first run fills the cache and the second one reads it.
"""

from __future__ import annotations

import pytest

from conftest import MINIMAL_YAML, docx_text, run_cli
from drafter import cache
from drafter.check.rules import shipped_rules

TEMPLATE = """\
{#---
title: 测试讲话
description: 缓存测试用
fields:
  topic:
    type: text
    title: 主题
    example: 安全生产
---#}
{% extends "base-speech" %}
{% block body %}
# 关于{{ topic }}
{% include "parts/closing.j2" %}
{% endblock %}
"""

PARTIAL = "同志们，{{ topic }}工作责任重大，大家要抓好落实。\n"

INPUT = MINIMAL_YAML.format(template="cached") + "topic: 安全生产\n"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A user folder with a template that extends a built-in one and includes a partial."""
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    cache.folder.cache_clear()
    shipped_rules.cache_clear()  # loaded once per process: make this process load them again
    yield tmp_path
    cache.folder.cache_clear()


def write_user_files(folder, template=TEMPLATE, partial=PARTIAL):
    (folder / "templates" / "parts").mkdir(parents=True, exist_ok=True)
    (folder / "templates" / "cached.j2").write_text(template, encoding="utf-8")
    (folder / "templates" / "parts" / "closing.j2").write_text(partial, encoding="utf-8")
    (folder / "in.yaml").write_text(INPUT, encoding="utf-8")


def render(folder, name="out.docx"):
    result = run_cli("render", "in.yaml", "-o", name, "--force", cwd=folder)
    return result, (folder / name)


def entries(folder):
    return sorted(p.name.split("-")[0] for p in (folder / "cache").iterdir())


def test_second_run_reads_the_cache_and_writes_the_same_document(folder):
    write_user_files(folder)
    first, path = render(folder, "first.docx")
    assert first.code == 0, first.err
    kinds = entries(folder)
    assert {"check", "jinja", "manifest", "rules"} <= set(kinds)
    before = {p.name: p.stat().st_mtime_ns for p in (folder / "cache").iterdir()}
    second, again = render(folder, "second.docx")
    assert second.code == 0, second.err
    assert docx_text(again) == docx_text(path)
    assert "同志们，安全生产工作责任重大" in docx_text(again)
    after = {p.name: p.stat().st_mtime_ns for p in (folder / "cache").iterdir()}
    assert after == before  # nothing recomputed, nothing rewritten


def test_an_edited_template_is_loaded_again(folder):
    write_user_files(folder)
    assert render(folder)[0].code == 0
    write_user_files(folder, template=TEMPLATE.replace("# 关于{{ topic }}", "# 切实做好{{ topic }}工作"))
    result, path = render(folder)
    assert result.code == 0, result.err
    assert "切实做好安全生产工作" in docx_text(path)


def test_an_edited_partial_is_checked_again(folder):
    write_user_files(folder)
    assert render(folder)[0].code == 0
    write_user_files(folder, partial="{{ budget }}万元。\n")
    result, _ = render(folder)
    assert result.code == 1
    assert "未声明的变量“budget”" in result.err
    assert "closing.j2" in result.err


def test_an_edited_manifest_is_read_again(folder):
    write_user_files(folder)
    assert render(folder)[0].code == 0
    write_user_files(folder, template=TEMPLATE.replace("example: 安全生产", "example: 3")
                     .replace("type: text", "type: number"))
    result, _ = render(folder)
    assert result.code == 1  # in.yaml's topic is text, the field now wants a number
    assert "topic" in result.err and "in.yaml 第 9 行" in result.err


def test_a_new_template_that_shadows_a_cached_one_is_used(folder):
    write_user_files(folder)
    assert render(folder)[0].code == 0
    (folder / "more").mkdir()
    (folder / "more" / "cached.j2").write_text(TEMPLATE.replace("# 关于{{ topic }}", "# 另一个版本"),
                                               encoding="utf-8")
    result = run_cli("render", "in.yaml", "-o", "out.docx", "--force", "--templates", "more", cwd=folder)
    assert result.code == 0, result.err
    assert "另一个版本" in docx_text(folder / "out.docx")


def test_corrupt_entries_are_ignored(folder):
    write_user_files(folder)
    _, path = render(folder, "first.docx")
    expected = docx_text(path)
    for entry in (folder / "cache").iterdir():
        entry.write_bytes(b"not a cache entry")
    result, again = render(folder, "second.docx")
    assert result.code == 0, result.err
    assert docx_text(again) == expected


def test_an_unusable_cache_folder_changes_nothing(folder, monkeypatch):
    write_user_files(folder)
    blocker = folder / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(blocker / "cache"))  # a folder inside a file
    cache.folder.cache_clear()
    result, path = render(folder)
    assert result.code == 0, result.err
    assert "安全生产" in docx_text(path)


def test_no_cache_when_turned_off(folder, monkeypatch):
    write_user_files(folder)
    monkeypatch.setenv("DRAFTER_NO_CACHE", "1")
    cache.folder.cache_clear()
    result, _ = render(folder)
    assert result.code == 0, result.err
    assert not (folder / "cache").exists()


def test_user_rules_file_edits_are_seen(folder):
    write_user_files(folder)
    rules = folder / "rules.yaml"
    rules.write_text("wording:\n  - id: no-topic\n    pattern: 责任重大\n    message: 换个说法\n", encoding="utf-8")
    first = run_cli("check", "in.yaml", "--rules", "rules.yaml", cwd=folder)
    assert "换个说法" in first.out
    rules.write_text("wording:\n  - id: no-topic\n    pattern: 抓好落实\n    message: 另一个提醒\n", encoding="utf-8")
    second = run_cli("check", "in.yaml", "--rules", "rules.yaml", cwd=folder)
    assert "另一个提醒" in second.out and "换个说法" not in second.out


def test_reinstalling_or_editing_drafter_invalidates_every_entry():
    """Entries are keyed by drafter's code as installed, not only by its version number."""
    import os
    from pathlib import Path

    module = Path(cache.__file__)
    before = os.stat(module)
    fingerprint = cache._code_fingerprint.__wrapped__()
    try:
        os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
        assert cache._code_fingerprint.__wrapped__() != fingerprint
    finally:
        os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert cache._code_fingerprint.__wrapped__() == fingerprint


def test_the_cache_folder_stays_small(folder, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 10)
    for i in range(25):
        cache.store(cache.key("test", str(i)), i)
    names = list((folder / "cache").iterdir())
    assert 5 <= len(names) <= 10
    assert cache.load(cache.key("test", "24")) == 24  # the newest stay


def test_without_a_home_folder_drafter_runs_without_a_cache(tmp_path, monkeypatch):
    from pathlib import Path

    def no_home():
        raise RuntimeError("Could not determine home directory")

    monkeypatch.delenv("DRAFTER_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    cache.folder.cache_clear()
    try:
        assert cache.folder() is None
        assert cache.memo(cache.key("test", "x"), lambda: 42) == 42
    finally:
        cache.folder.cache_clear()
