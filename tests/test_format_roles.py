"""drafter format: what each paragraph is recognised as, headings split and renumbered,
and every correction noted (roles.py and layout.py on paragraphs, no files)."""

from __future__ import annotations

from drafter.document import BlockType
from drafter.wordin.layout import layout, role_table
from drafter.wordin.roles import detect, parse_marker
from drafter.wordin.source import Cell, SourceParagraph


def items_of(*texts: str, **hints):
    return detect([SourceParagraph(text, **hints) for text in texts])


def roles(*texts: str) -> list[tuple[str, str]]:
    return [(item.label, item.text) for item in items_of(*texts)]


def test_title_over_two_lines_then_byline_and_salutation():
    found = roles("关于2024年度意识形态工作", "情况的报告", "（2024年3月15日）", "同志们：", "今天开会。")
    assert found == [("标题", "关于2024年度意识形态工作"), ("标题", "情况的报告"),
                     ("署名/日期", "（2024年3月15日）"), ("称呼", "同志们："), ("正文", "今天开会。")]


def test_a_complete_title_is_not_continued_by_the_next_short_line():
    found = roles("在全县审计工作会议上的讲话", "县委书记 张三", "同志们：")
    assert [label for label, _ in found] == ["标题", "署名/日期", "称呼"]


def test_a_centred_title_continues_only_with_a_centred_line_of_its_size():
    paragraphs = [SourceParagraph("关于加强意识形态工作", centered=True, size=22),
                  SourceParagraph("的实施意见", centered=True, size=22),
                  SourceParagraph("各科室、各直属单位：")]
    assert [i.label for i in detect(paragraphs)] == ["标题", "标题", "主送"]
    paragraphs[1] = SourceParagraph("的实施意见", size=12)
    assert [i.label for i in detect(paragraphs)][:2] == ["标题", "正文"]


def test_addressee_but_not_the_sentence_that_announces_the_report():
    found = roles("关于工作情况的报告", "县委：", "现将有关情况报告如下：", "一、基本情况")
    assert [label for label, _ in found] == ["标题", "主送", "正文", "一级标题"]


def test_one_addressee_line_and_an_opening_sentence_ending_in_a_colon_is_body():
    found = roles("关于加强意识形态工作的通知", "各乡镇人民政府，县直各单位：",
                  "为做好意识形态工作，现通知如下：", "一、总体要求")
    assert [label for label, _ in found] == ["标题", "主送", "正文", "一级标题"]
    found = roles("关于加强意识形态工作的通知", "各乡镇人民政府：", "县直各单位：", "一、总体要求")
    assert [label for label, _ in found] == ["标题", "主送", "正文", "一级标题"]


def test_heading_numbers_of_every_form_and_their_levels():
    found = items_of("标题", "一、总体要求", "(一)强化领导", "（二） 抓好学习", "1、建立制度", "2. 落实责任",
                     "(1)第一项", "（2）第二项", "二 存在问题")
    assert [(i.level, i.marker, i.text) for i in found[1:]] == [
        (1, "一、", "总体要求"), (2, "(一)", "强化领导"), (2, "（二）", "抓好学习"), (3, "1、", "建立制度"),
        (3, "2.", "落实责任"), (4, "(1)", "第一项"), (4, "（2）", "第二项"), (1, "二", "存在问题")]


def test_yishi_ershi_runs_and_years_are_body():
    found = roles("标题", "一、总体要求", "一是加强学习，二是强化督导。", "2024年，全局上下齐心协力。")
    assert [label for label, _ in found] == ["标题", "一级标题", "正文", "正文"]
    assert parse_marker("一是加强学习") is None
    assert parse_marker("2024年工作") is None


def test_a_heading_swallowed_mid_paragraph_is_split_out_at_its_level():
    formatted = layout(items_of("标题", "一、提高站位", "要坚决抵制错误的言论。二、坚持教育培训", "正文。"))
    assert [(b.type, b.display) for b in formatted.document.blocks] == [
        (BlockType.TITLE, "标题"), (BlockType.HEADING, "一、提高站位"), (BlockType.BODY, "要坚决抵制错误的言论。"),
        (BlockType.HEADING, "二、坚持教育培训"), (BlockType.BODY, "正文。")]
    split = formatted.items[3]
    assert split.source == 3 and split.notes == ["原连在上一段末尾，拆为单独的小标题"]


def test_a_number_that_does_not_continue_the_numbering_stays_in_its_paragraph():
    # 五、 after 一、 is no swallowed heading; nor is 二、 before any 一、
    found = items_of("标题", "一、提高站位", "要抓好五项工作。五、六月份集中检查。")
    assert [i.label for i in found] == ["标题", "一级标题", "正文"]
    found = items_of("标题", "这项工作分两步。二、三季度完成。")
    assert [i.label for i in found] == ["标题", "正文"]
    found = items_of("标题", "今年分两步走。一、二季度抓部署，三、四季度抓落实。")
    assert [i.label for i in found] == ["标题", "正文"]


def test_a_swallowed_number_that_the_next_heading_continues_is_split_out():
    """（一） was never typed: the swallowed （二） is a heading because （三） follows on its own
    line; a （二） with no （三） ahead stays in its paragraph."""
    formatted = layout(items_of("标题", "一、压实责任", "班子成员落实一岗双责。（二）加强理论学习。全年学习4次。",
                                "（三）管好宣传阵地。更新宣传栏。", "二、存在问题", "学习不够深入。"))
    assert [(b.type, b.number, b.text) for b in formatted.document.blocks[2:6]] == [
        (BlockType.BODY, "", "班子成员落实一岗双责。"), (BlockType.HEADING, "（一）", "加强理论学习。"),
        (BlockType.HEADING, "（二）", "管好宣传阵地。"), (BlockType.HEADING, "二、", "存在问题")]
    assert "编号“（二）”改为“（一）”" in formatted.items[3].notes
    found = items_of("标题", "一、压实责任", "班子成员落实一岗双责。（二）加强理论学习。", "二、存在问题")
    assert [i.label for i in found] == ["标题", "一级标题", "正文", "一级标题"]


def test_a_swallowed_second_level_heading_keeps_its_run_on_text():
    formatted = layout(items_of("标题", "一、总体要求", "（一）强化领导。要统一思想。（二）抓好学习。要读原著。"))
    assert [(b.type, b.number, b.text, b.run_in) for b in formatted.document.blocks[2:]] == [
        (BlockType.HEADING, "（一）", "强化领导。", "要统一思想。"), (BlockType.HEADING, "（二）", "抓好学习。", "要读原著。")]


def test_a_run_in_heading_is_kept_run_in_below_the_first_level():
    formatted = layout(items_of("标题", "一、总体要求", "（三）加强阵地管理。要管好网站。"))
    block = formatted.document.blocks[2]
    assert (block.type, block.number, block.text, block.run_in) == (BlockType.HEADING, "（一）", "加强阵地管理。", "要管好网站。")
    assert block.display == "（一）加强阵地管理。要管好网站。"
    assert "小标题接排正文：标题部分用标题字体，其余用仿宋" in formatted.items[2].notes


def test_a_colon_ends_a_run_in_heading_too():
    found = items_of("标题", "一、总体要求", "（一）加强组织领导：要统一思想。")
    assert (found[2].text, found[2].run_in) == ("加强组织领导：", "要统一思想。")
    split = layout(found, split_headings=True).document.blocks
    assert [b.display for b in split[2:]] == ["（一）加强组织领导", "要统一思想。"]


def test_split_headings_splits_run_in_headings_and_first_levels_always():
    formatted = layout(items_of("标题", "一、总体要求。要统一思想。", "（一）加强阵地管理。要管好网站。"),
                       split_headings=True)
    assert [(b.type, b.display) for b in formatted.document.blocks[1:]] == [
        (BlockType.HEADING, "一、总体要求"), (BlockType.BODY, "要统一思想。"),
        (BlockType.HEADING, "（一）加强阵地管理"), (BlockType.BODY, "要管好网站。")]
    first_level = layout(items_of("标题", "一、总体要求。要统一思想。"))
    assert [b.display for b in first_level.document.blocks[1:]] == ["一、总体要求", "要统一思想。"]


def test_skipped_and_repeated_numbers_are_corrected_and_each_correction_noted():
    formatted = layout(items_of("标题", "一、甲", "三、乙", "三、丙", "(一)丁", "1、戊"))
    assert [b.display for b in formatted.document.blocks[1:]] == ["一、甲", "二、乙", "三、丙", "（一）丁", "1.戊"]
    assert [i.notes for i in formatted.items[1:]] == [[], ["编号“三、”改为“二、”"], [], ["编号“(一)”改为“（一）”"],
                                                     ["编号“1、”改为“1.”"]]


def test_heading_styles_and_bold_short_lines_without_numbers():
    paragraphs = [SourceParagraph("讲话"), SourceParagraph("过去一年的工作", heading_level=1),
                  SourceParagraph("正文。"), SourceParagraph("聚焦主责主业", heading_level=2)]
    formatted = layout(detect(paragraphs))
    assert [b.display for b in formatted.document.blocks] == ["讲话", "一、过去一年的工作", "正文。", "（一）聚焦主责主业"]
    assert formatted.items[1].notes == ["按“标题”样式识别", "加编号“一、”"]
    bold = detect([SourceParagraph("讲话"), SourceParagraph("工作回顾", bold=True), SourceParagraph("正文。")])
    assert [i.label for i in bold] == ["标题", "一级标题", "正文"]
    # with numbered headings in the file, a bold line without a number is emphasis, not a heading
    numbered = detect([SourceParagraph("讲话"), SourceParagraph("一、回顾"), SourceParagraph("工作回顾", bold=True)])
    assert [i.label for i in numbered] == ["标题", "一级标题", "正文"]


def test_closing_attachments_signature_and_date():
    found = roles("关于工作情况的报告", "县委：", "一、基本情况", "全年完成任务。", "特此报告。",
                  "附件：1.工作台账", "2.学习记录", "中共清河县审计局党组", "二〇二四年十二月二十日")
    assert [label for label, _ in found] == ["标题", "主送", "一级标题", "正文", "结束语", "附件", "附件",
                                             "落款", "成文日期"]
    document = layout(items_of("关于工作情况的报告", "一、基本情况", "附件：1.台账", "2.记录", "县审计局",
                               "2024年12月20日")).document
    assert [b.type for b in document.blocks] == [BlockType.TITLE, BlockType.HEADING, BlockType.ATTACHMENT, BlockType.ATTACHMENT,
                                                 BlockType.SIGNATURE, BlockType.SIGNATURE]


def test_table_cells_become_one_table_item():
    paragraphs = [SourceParagraph("报告"), SourceParagraph("项目", cell=Cell(0, 0, 0)),
                  SourceParagraph("次数", cell=Cell(0, 0, 1)), SourceParagraph("学习", cell=Cell(0, 1, 0)),
                  SourceParagraph("第二行", cell=Cell(0, 1, 0)), SourceParagraph("正文。")]
    found = detect(paragraphs)
    assert [i.label for i in found] == ["标题", "表格", "正文"]
    assert found[1].rows == [["项目", "次数"], ["学习\n第二行"]]
    document = layout(found).document
    assert document.paragraphs() == ["报告", "项目", "次数", "学习", "第二行", "正文。"]


def test_no_headings_is_said():
    formatted = layout(items_of("一段话。", "又一段话。"))
    assert formatted.notices == ["没有找到带编号或标题样式的小标题，全文按正文排版"]
    assert [b.type for b in formatted.document.blocks] == [BlockType.BODY, BlockType.BODY]


def test_role_table_rows_show_the_paragraph_as_written():
    rows = role_table(layout(items_of("标题", "一、总体要求", "(二)强化领导。要抓紧。")).items, width=6)
    assert rows == [("1", "标题", "标题", ""), ("2", "一、总体要求", "一级标题", ""),
                    ("3", "(二)强化领…", "二级标题", "小标题接排正文：标题部分用标题字体，其余用仿宋；编号“(二)”改为“（一）”")]


def test_numbers_start_anew_under_the_title_of_a_second_part():
    formatted = layout(items_of("第一篇讲话", "一、甲", "二、乙", "正文。", "第二篇讲话", "开场白。", "一、丙", "二、丁"))
    assert [(b.type, b.display) for b in formatted.document.blocks] == [
        (BlockType.TITLE, "第一篇讲话"), (BlockType.HEADING, "一、甲"), (BlockType.HEADING, "二、乙"), (BlockType.BODY, "正文。"),
        (BlockType.TITLE, "第二篇讲话"), (BlockType.BODY, "开场白。"), (BlockType.HEADING, "一、丙"), (BlockType.HEADING, "二、丁")]
    assert formatted.items[4].notes == ["其后小标题从“一、”重新编号：按新一部分的标题排"]
    assert formatted.document.title == "第一篇讲话"
    # without such a line, 一、 again is a repeated number and is corrected
    repeated = layout(items_of("讲话", "一、甲", "正文。", "一、乙"))
    assert [b.display for b in repeated.document.blocks[1:]] == ["一、甲", "正文。", "二、乙"]
    assert repeated.items[3].notes == ["编号“一、”改为“二、”"]


def test_a_tab_after_the_number_and_a_respectful_salutation():
    found = items_of("讲话", "尊敬的各位领导：", "一、\t坚持学习", "二\t加强管理")
    assert [(i.label, i.text) for i in found] == [("标题", "讲话"), ("称呼", "尊敬的各位领导："),
                                                  ("一级标题", "坚持学习"), ("一级标题", "加强管理")]


def test_a_heading_number_with_a_half_width_point_swallowed_after_a_full_stop_is_split_out():
    found = roles("汇报", "一、工作情况", "全年完成任务。二.存在的不足", "经费偏紧。")
    assert found[2:] == [("正文", "全年完成任务。"), ("一级标题", "存在的不足"), ("正文", "经费偏紧。")]


def test_the_signature_keeps_its_marks_as_typed_the_closing_before_it_is_corrected():
    found = roles("关于工作情况的报告", "一、基本情况", "全年完成任务。", "以上报告,请审阅.", "清河县档案馆(代章)",
                  "2024年1月10日")
    assert found[3:] == [("结束语", "以上报告，请审阅。"), ("落款", "清河县档案馆(代章)"), ("成文日期", "2024年1月10日")]
