"""unit.title_unit_span counts the ideographs of a title's unit name in plain code: it finds
what the regex it replaced (kept here, with its class over U+4E00–U+9FFF) finds, on the
titles of every evaluation draft and on generated titles."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.check import unit
from drafter.check.document import Draft
from drafter.check.reader import split_text

OLD_TITLE_UNIT = re.compile(
    rf"(?P<name>[\u4e00-\u9fff]{{0,10}}?(?:{unit._KIND_WORDS}))"
    r"(?:党委|党组|党工委|党支部|党总支|委员会)?(?:副?书记)?"
    r"(?=(?:19|20)\d\d\s*年|关于|上半年|下半年|第?[一二三四]季度|年度|意识形态|党建|党风|"
    r"全面从严|工作|述职|$)")

DRAFTS = Path(__file__).resolve().parent / "drafts"


def old_span(title: str, end: int) -> tuple[int, int] | None:
    m = OLD_TITLE_UNIT.search(title, 0, end)
    return (m.start("name"), m.end("name")) if m else None


def test_titles_of_the_drafts():
    titles = [split_text(p.read_text(encoding="utf-8"))[0] for p in sorted(DRAFTS.glob("*/*.txt"))]
    assert len(titles) > 30
    found = 0
    for title in titles:
        for end in {len(title), len(title) // 2}:
            assert unit.title_unit_span(title, end) == old_span(title, end), title
        found += unit.title_unit_span(title, len(title)) is not None
    assert found > 5  # the drafts' titles do name units


def test_a_title_read_back():
    draft = Draft.from_paragraphs(["中共清河县云岭镇委员会2023年上半年意识形态工作情况报告", "（2023年7月5日）"])
    named = unit.title_unit(draft)
    assert (named.kind, named.name, named.start) == ("镇", "清河县云岭镇", 2)


# Kind words, ideographs that are not, what may follow a name, and characters beside the
# ideograph range (extension A, kana, Latin letters, digits, spaces).
PIECES = ["乡镇", "街道", "社区", "中心", "学校", "公司", "村", "局", "镇", "县", "办", "委", "中共",
          "清河", "云岭", "党委", "党组", "委员会", "副", "书记", "2023", "年", "关于", "上半年", "第",
          "二季度", "工作", "述职", "意识形态", "党建", "报告", "㐀", "の", "A", "7", " ", "　", "，"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.integers(min_value=0, max_value=60))
def test_generated_titles(pieces, cut):
    title = "".join(pieces)
    end = min(cut, len(title))
    assert unit.title_unit_span(title, len(title)) == old_span(title, len(title))
    assert unit.title_unit_span(title, end) == old_span(title, end)
