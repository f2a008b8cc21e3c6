"""The block markup and heading numbering (一、 （一） 1. （1）), restarting per parent."""

import pytest

from drafter.document import BlockType, cn_number
from drafter.errors import TemplateError
from drafter.errors import Position
from drafter.markup import DATA_END, DATA_START, build_document, origin_marker, parse


def headings(text):
    return [b.display for b in parse(text) if b.type is BlockType.HEADING]


def test_numbers_follow_levels_and_restart_under_each_parent():
    text = "\n".join([
        "# 甲", "## 甲一", "### 细一", "#### 小一", "#### 小二", "### 细二", "## 甲二",
        "# 乙", "## 乙一", "### 细", "# 丙",
    ])
    assert headings(text) == [
        "一、甲", "（一）甲一", "1.细一", "（1）小一", "（2）小二", "2.细二", "（二）甲二",
        "二、乙", "（一）乙一", "1.细", "三、丙",
    ]


def test_numbers_typed_in_a_template_or_data_are_replaced():
    assert headings("# 一、抓认识\n## （二）抓协调\n### 3. 抓阵地\n#### (4)抓机制") == [
        "一、抓认识", "（一）抓协调", "1.抓阵地", "（1）抓机制"]


def test_chinese_numbers_beyond_ten():
    assert [cn_number(n) for n in (1, 10, 11, 19, 20, 21, 99)] == ["一", "十", "十一", "十九", "二十", "二十一", "九十九"]
    many = "\n".join(f"# 第{n}节" for n in range(1, 13))
    assert headings(many)[-3:] == ["十、第10节", "十一、第11节", "十二、第12节"]


def test_directives_and_body():
    blocks = parse("@title 标题\n@byline 张三\n@salutation 同志们：\n\n正文一段\n@closing 谢谢大家！\n@signature 某局")
    assert [(b.type, b.text) for b in blocks] == [
        (BlockType.TITLE, "标题"), (BlockType.BYLINE, "张三"), (BlockType.SALUTATION, "同志们："),
        (BlockType.BODY, "正文一段"), (BlockType.CLOSING, "谢谢大家！"), (BlockType.SIGNATURE, "某局")]


def test_user_data_never_becomes_markup():
    data = DATA_START + "# 这是用户写的正文" + DATA_END + "\n" + DATA_START + "@title 也不是标题" + DATA_END
    blocks = parse(data)
    assert [(b.type, b.text) for b in blocks] == [(BlockType.BODY, "# 这是用户写的正文"), (BlockType.BODY, "@title 也不是标题")]


def test_title_lines_join_into_one_title():
    document = build_document("@title 关于某某工作的\n@title 情况报告\n正文")
    assert document.title == "关于某某工作的情况报告"
    assert document.blocks[0].text == "关于某某工作的\n情况报告"


@pytest.mark.parametrize("text, words", [
    ("##### 五级", "最多四级"),
    ("@unknown 文字", "不认识的标记"),
    ("# ", "标题是空的"),
])
def test_bad_markup_is_a_template_error(text, words):
    with pytest.raises(TemplateError) as info:
        parse(text, "demo")
    assert words in str(info.value)
    assert "demo" in str(info.value)


@pytest.mark.parametrize("text, line", [
    ("# 甲\n正文\n### 丙", 3),
    ("## 没有一级标题", 1),
    ("# 甲\n## 乙\n### 丙\n# 丁\n### 戊", 5),
])
def test_heading_that_skips_a_level_is_an_error(text, line):
    with pytest.raises(TemplateError) as info:
        parse(text, "demo")
    assert "跳级" in info.value.message and f"第 {line} 行" in info.value.message


def test_going_back_up_any_number_of_levels_is_fine():
    assert headings("# 甲\n## 乙\n### 丙\n#### 丁\n# 戊") == ["一、甲", "（一）乙", "1.丙", "（1）丁", "二、戊"]


def test_markup_errors_name_the_template_line_a_marker_gives():
    text = origin_marker("/模板/我的 模板.j2", 7) + "# 甲\n" + origin_marker("/模板/我的 模板.j2", 12) + "  ### 丙"
    with pytest.raises(TemplateError) as info:
        parse(text, "demo")
    assert info.value.position == Position("/模板/我的 模板.j2", 12, 1)
    assert "“### 丙”" in info.value.message and "\ufdd2" not in info.value.message


def test_origin_markers_never_reach_the_document():
    marker = origin_marker("/a/b.j2", 3)
    blocks = parse(marker + "@title 标题\n" + marker + "# 甲\n正文" + marker + "\n" + marker)
    assert [(b.type, b.text) for b in blocks] == [(BlockType.TITLE, "标题"), (BlockType.HEADING, "甲"), (BlockType.BODY, "正文")]


def test_list_filters_read_like_chinese():
    from drafter.filters import cn_join, points

    assert cn_join(["门户网站", "微信公众号", "工作群"]) == "门户网站、微信公众号和工作群"
    assert cn_join(x for x in ["甲", "乙"]) == "甲和乙"  # what map(attribute=…) gives
    assert points(["落实责任。", "加强检查；"]) == "一是落实责任；二是加强检查。"
    assert points(["只有一项"]) == "只有一项。"  # never "一是" alone
    assert points([]) == ""
