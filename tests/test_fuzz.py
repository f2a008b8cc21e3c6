"""Property: whatever YAML a user writes, drafter either writes a .docx that python-docx
reads back, or stops with a clean Chinese message — never a traceback, never a file
left behind for a failed run."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import docx
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, run_cli

BASE = {
    "template": "ideology-four-grips",
    "unit": {"name": "某某县统计局", "short_name": "县统计局", "kind": "局"},
    "speaker": {"title": "党组书记", "name": "张某"},
    "meeting": {"name": "意识形态工作会议", "date": dt.date(2024, 3, 15)},
    "leaders": [{"name": "李某", "post": "副局长", "role": "分管领导", "duty": "宣传"}],
    "tasks": [{"title": "开展检查", "detail": "第一段\n第二段"}],
}
FIELD_PATHS = [
    ("template",), ("title",), ("unit", "name"), ("unit", "short_name"), ("unit", "kind"), ("unit", "party_org"),
    ("speaker", "title"), ("speaker", "name"), ("meeting", "name"), ("meeting", "date"),
    ("leaders", 0, "name"), ("leaders", 0, "post"), ("leaders", 0, "role"), ("leaders", 0, "duty"),
    ("tasks", 0, "title"), ("tasks", 0, "detail"), ("channels",), ("departments",),
]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.text(max_size=40), st.integers(), st.floats(allow_nan=False), st.booleans(), st.none(),
    st.dates(), st.text(alphabet="一二三#@\n\t\x07{}%：:-|>", max_size=20),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)


def render(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        source = folder / "in.yaml"
        source.write_text(text, encoding="utf-8", errors="surrogatepass")
        out = folder / "out.docx"
        result = run_cli("render", str(source), "-o", str(out), "--no-check")
        assert "Traceback" not in result.err + result.out
        assert result.code in (0, 1), result
        if result.code == 0:
            document = docx.Document(str(out))
            assert document.paragraphs[0].text
        else:
            assert result.err.startswith("错误："), result.err
            assert sorted(p.name for p in folder.iterdir()) == ["in.yaml"]


def put(data, path, value):
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


TEMPLATES = ["ideology-four-grips", "ideology-three-duties", "quarterly-report"]
TEMPLATE_FIELDS = [("departments",), ("channels",), ("staff",), ("period",), ("problems",), ("plans",),
                   ("achievements",), ("key_projects",), ("rule_documents",), ("recipient",), ("purpose",)]


@SETTINGS
@given(template=st.sampled_from(TEMPLATES), path=st.sampled_from(FIELD_PATHS + TEMPLATE_FIELDS), value=values)
def test_any_value_in_any_field(template, path, value):
    data = yaml.safe_load(yaml.safe_dump(BASE, allow_unicode=True))
    data["template"] = template
    put(data, path, value)
    render(yaml.safe_dump(data, allow_unicode=True))


@SETTINGS
@given(document=st.dictionaries(st.sampled_from(list(BASE) + ["x", "unit.name"]), values, max_size=6))
def test_random_documents(document):
    render(yaml.safe_dump(document, allow_unicode=True))


@SETTINGS
@given(text=st.text(max_size=200))
def test_random_text_as_a_file(text):
    render(text)


@SETTINGS
@given(text=st.text(max_size=60))
def test_random_string_spliced_into_a_valid_file(text):
    base = yaml.safe_dump(BASE, allow_unicode=True)
    render(base.replace("某某县统计局", text, 1))


# Malformed YAML: the example files as a hurried user breaks them.
EXAMPLE_TEXTS = sorted(p.read_text(encoding="utf-8") for p in EXAMPLES.glob("*.yaml"))
TYPED_BY_MISTAKE = ["：", "\u3000", "\t", "\x07", "\x00", "\x1b", "@", "`", "-", ":", " ", "\n", "\r", "|", ">",
                    "#", '"', "'", "{", "[", "]", "&", "*", "!", "%", "？", "\ufeff", "\u2028"]
mutations = st.lists(st.tuples(st.sampled_from(["delete", "insert", "truncate"]),
                               st.floats(min_value=0, max_value=1), st.sampled_from(TYPED_BY_MISTAKE),
                               st.integers(min_value=1, max_value=3)), min_size=1, max_size=4)


def mutate(text: str, steps: list) -> str:
    for action, where, character, count in steps:
        at = int(where * len(text))
        if action == "delete":
            text = text[:at] + text[at + count:]
        elif action == "insert":
            text = text[:at] + character * count + text[at:]
        else:
            text = text[:at]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.sampled_from(EXAMPLE_TEXTS), steps=mutations)
def test_malformed_examples_are_reported_never_crash(base, steps):
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.yaml"
        source.write_text(mutate(base, steps), encoding="utf-8")
        result = run_cli("validate", str(source), "--templates", str(EXAMPLES / "templates"))
    assert "Traceback" not in result.err + result.out
    assert result.code in (0, 1), result
    if result.code == 1:
        assert result.err.startswith("错误："), result.err
