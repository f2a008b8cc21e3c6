"""drafter format on paragraphs hypothesis writes from the pieces real drafts are made of:
it never fails, keeps every character of the text it does not renumber, and writes a
package LibreOffice-free readers can open."""

from __future__ import annotations

import io
import re
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.document import BlockType
from drafter.wordin.layout import layout
from drafter.wordin.roles import detect
from drafter.wordin.source import SourceParagraph
from drafter.writers import serialise

PIECES = ["一、", "二、", "三 ", "（一）", "(二)", "（三） ", "1.", "2、", "3. ", "(1)", "（2）", "一是", "二要",
          "同志们：", "特此报告。", "附件：", "县委：", "现将情况报告如下：", "2024年3月15日", "（2024年3月15日）",
          "加强管理", "抓好学习", "。", "，", "；", "！", "要坚持", "关于", "的报告", "讲话", " ", "\u3000", "<&>",
          # the 版头 and half-width punctuation
          "000123", "12", "秘密★1年", "特急", "清河县人民政府文件", "清政发[2024]012号", "签发人:", "刘建国",
          ",", ":", "?", "...", "--", '"', "'", "(", ")", "."]
paragraph = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join).map(str.strip).filter(bool)
hints = st.builds(SourceParagraph, text=paragraph, heading_level=st.sampled_from([0, 0, 0, 1, 2, 5]),
                  centered=st.booleans(), bold=st.booleans(), size=st.sampled_from([0.0, 12.0, 22.0]))


def letters(text: str) -> str:
    """The text without heading numbers, punctuation, blanks or brackets: what must survive."""
    return re.sub(r"[^加强管理抓好学习要坚持关于的报告讲话同志们特此附件县委现将情况如下是&<>]", "", text)


@settings(max_examples=300, deadline=None)
@given(st.lists(hints, min_size=1, max_size=12), st.booleans())
def test_any_draft_is_laid_out_and_keeps_its_words(paragraphs, split):
    formatted = layout(detect(paragraphs), split_headings=split)
    blocks = formatted.document.blocks
    assert all(1 <= b.level <= 4 for b in blocks if b.type is BlockType.HEADING)
    written = "".join(b.text + b.run_in for b in blocks)
    # numbers may change and a split heading loses its full stop; the words stay, in order
    assert letters(written) == letters("".join(p.text for p in paragraphs))
    with zipfile.ZipFile(io.BytesIO(serialise(formatted.document, "docx"))) as package:
        assert package.testzip() is None
