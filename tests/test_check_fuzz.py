"""Property tests: the checker never fails on odd input, and findings point at real text."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.check import CheckContext, check_paragraphs, to_json_dict
from drafter.unit_types import UNIT_TYPES

# Characters the rules care about, so that the generated text exercises them.
ALPHABET = ("我本们村局街道社区镇乡县区市办委校公司中心党组委工支部书记作为身一二三四五六七八九十"
            "是要第（）()、，。；：,.;:!?“”《》…极端十分以下截止至大约左右超过十九大精神二十"
            "重要工作落实 \t1234567890abc")

paragraph = st.text(alphabet=ALPHABET, min_size=0, max_size=80)
contexts = st.builds(
    CheckContext,
    unit_name=st.one_of(st.none(), st.text(alphabet=ALPHABET, max_size=12)),
    unit_kind=st.one_of(st.none(), st.sampled_from(sorted(UNIT_TYPES))),
    speaker_title=st.one_of(st.none(), st.sampled_from(["党组书记", "党委书记、局长", "村党支部书记", "主任"])),
    date=st.one_of(st.none(), st.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2030, 1, 1))),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraph, max_size=12), contexts)
def test_findings_point_at_the_text(paragraphs, context):
    findings = check_paragraphs(paragraphs, context)
    data = to_json_dict(findings)
    assert data["summary"]["错误"] + data["summary"]["提示"] == len(findings)
    stripped = [p.strip() for p in paragraphs]
    for f in findings:
        assert 1 <= f.paragraph <= len(paragraphs)
        if f.related_paragraph is not None:
            assert 1 <= f.related_paragraph <= len(paragraphs)
        if f.rule.startswith("repeat.") or f.column is None:
            continue
        text = stripped[f.paragraph - 1]
        assert text[f.column - 1:].startswith(f.snippet), (f, text)
