"""Regex programs kept between runs (drafter/regexcache.py): the same matches as Python's
own compiler, from a fresh cache, a warm one and a broken one."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import _sre
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter import regexcache
from drafter.check.rules import shipped_rules

TEXTS = ["", "abc", "截至到目前，我局共完成任务3项。", "AbC\n123 ab_c", "一、抓认识（一）提高站位", "。。。……...",
         "2024-01-25 2024年1月25日", "email@example.com x+y=z"]


def kept(pattern, flags=0):
    """The pattern as drafter's cache hands it to the regex engine."""
    return _sre.compile(pattern, *regexcache._program(pattern, flags))


def same_behaviour(pattern: str, flags: int = 0) -> None:
    ours, theirs = kept(pattern, flags), re.compile(pattern, flags)
    assert (ours.flags, ours.groups, ours.groupindex) == (theirs.flags, theirs.groups, theirs.groupindex)
    for text in TEXTS:
        assert [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)]
        assert ours.sub("#", text) == theirs.sub("#", text)


@pytest.mark.parametrize("pattern, flags", [
    (r"(?P<year>\d{4})-(?P<month>\d{1,2})", 0),
    (r"^(?:[一二三四五六七八九十]+)、", re.M),
    (r"abc", re.I),
    (r"(?<=[。；])通过[^。]{1,30}，使(?!用)", 0),
    (r"a b  c # comment", re.X),
    (r"(a)(?:b|c)\1", 0),
    (r"[\w.+-]+@[\w-]+\.[\w.]+", re.A),
])
def test_kept_programs_match_like_pythons(pattern, flags):
    same_behaviour(pattern, flags)


def test_every_shipped_rule_matches_alike():
    rules = shipped_rules()
    for rule in rules.wording + rules.formulations + rules.trades:
        same_behaviour(rule.regex)


_pieces = st.sampled_from(["a", "b", "一", "。", ".", "\\d", "[ab]", "[^一]", "\\w", "\\s", "(?:a|一)", "(b)",
                           "a*", "b+?", "一{1,3}", "(?=a)", "(?<!b)", "^", "$", "\\b", "(?P<n>a)"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_pieces, min_size=1, max_size=6).map("".join), st.sampled_from([0, re.I, re.M, re.S]))
def test_random_patterns_match_alike(pattern, flags):
    try:
        re.compile(pattern, flags)
    except re.error:
        return
    same_behaviour(pattern, flags)


PROBE = r"""
import json, os, re, sys
from drafter import regexcache
regexcache.install()
patterns = [r"(?P<y>\d{4})年(\d{1,2})月", r"[一二三]+、", "截至到"]
out = [[m.span() for m in re.compile(p).finditer("2024年1月25日 一、截至到") ] for p in patterns]
try:
    re.compile("(unclosed")
    out.append("no error")
except re.error as exc:
    out.append(exc.msg)
sys.stdout.write(json.dumps(out))
import atexit
atexit._run_exitfuncs()
"""


def _probe(env) -> list:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_cache_fills_then_serves_and_survives_damage(tmp_path):
    import os

    env = {**os.environ, "DRAFTER_CACHE_DIR": str(tmp_path)}
    expected = _probe({**env, "DRAFTER_NO_CACHE": "1"})  # Python's own compiler
    assert expected == [[[0, 7]], [[11, 13]], [[13, 16]], "missing ), unterminated subpattern"]
    assert not list(tmp_path.glob("regex-*"))
    assert _probe(env) == expected
    entries = list(tmp_path.glob("regex-*"))
    assert len(entries) == 1
    assert _probe(env) == expected  # served from the cache
    entries[0].write_bytes(b"garbage")
    assert _probe(env) == expected  # a broken cache is an empty one


def test_the_command_uses_and_fills_the_cache(tmp_path):
    import os

    from conftest import EXAMPLES, docx_text

    env = {**os.environ, "DRAFTER_CACHE_DIR": str(tmp_path / "cache")}
    for name in ("a.docx", "b.docx"):
        result = subprocess.run([sys.executable, "-m", "drafter", "render",
                                 str(EXAMPLES / "county-office-four-grips.yaml"), "-o", str(tmp_path / name)],
                                capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 0, result.stderr
    assert list((tmp_path / "cache").glob("regex-*"))
    assert docx_text(tmp_path / "a.docx") == docx_text(tmp_path / "b.docx")


def test_repeated_runs_add_no_programs(tmp_path):
    """Patterns must not depend on the run (a set's order changes with PYTHONHASHSEED):
    otherwise every run would miss the cache and the file would keep growing."""
    import os

    from conftest import EXAMPLES

    cache_dir = tmp_path / "cache"

    def render(seed: str) -> None:
        env = {**os.environ, "DRAFTER_CACHE_DIR": str(cache_dir), "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-m", "drafter", "render", str(EXAMPLES / "street-four-grips.yaml"),
                                 "-o", str(tmp_path / "out.docx"), "--force"],
                                capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 0, result.stderr

    render("1")
    [entry] = cache_dir.glob("regex-*")
    first = entry.stat().st_mtime_ns
    for seed in ("2", "3", "4"):
        render(seed)
    assert entry.stat().st_mtime_ns == first  # nothing new to keep


def test_the_cache_stays_bounded(tmp_path):
    import os

    env = {**os.environ, "DRAFTER_CACHE_DIR": str(tmp_path)}
    probe = ("from drafter import regexcache; regexcache.LIMIT = 50; regexcache.install()\n"
             "import re, sys, atexit\n"
             "for i in range(40): re.compile(sys.argv[1] + str(i))\n"
             "atexit._run_exitfuncs()\n")
    for prefix in ("a", "b", "c"):
        result = subprocess.run([sys.executable, "-c", probe, prefix], env=env, capture_output=True, text=True,
                                timeout=60)
        assert result.returncode == 0, result.stderr
    import pickle

    [entry] = tmp_path.glob("regex-*")
    kept = pickle.loads(entry.read_bytes())
    assert len(kept) <= 50 + 40
    assert any(key[1] == "c39" for key in kept)  # the last run's programs are there


def test_an_engine_that_refuses_kept_programs_falls_back_to_python(tmp_path):
    """Should a future Python's regex engine take its programs differently, drafter must
    still work: the first refusal hands compiling back to Python for the rest of the run."""
    import os

    probe = ("import re, types\n"
             "from drafter import regexcache\n"
             "regexcache.install()\n"
             "def refuse(*args):\n"
             "    raise TypeError('takes something else')\n"
             "regexcache._sre = types.SimpleNamespace(compile=refuse)\n"
             "print(bool(re.compile('[一二]+、').match('一二、')), bool(re.compile('ab+').match('abb')))\n")
    env = {**os.environ, "DRAFTER_CACHE_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]
