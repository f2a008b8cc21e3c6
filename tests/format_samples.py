"""Word files as people hand them in, for drafter format's tests: built with python-docx
(and LibreOffice where a test needs its own writing), with the mess real files carry —
wrong fonts and sizes, typed numbers in half-width brackets, a heading swallowed by the
paragraph before it, a title over two lines, tables, a text box, 附件, 落款 and date."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.shared import Pt

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
V = "urn:schemas-microsoft-com:vml"


def _para(document, text: str, *, font: str = "Calibri", size: float = 12, bold: bool = False,
          align=None, style: str | None = None):
    paragraph = document.add_paragraph(style=style)
    run = paragraph.add_run(text)
    run.font.name = font
    run.font.size = Pt(size)
    run.bold = bold
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _text_box(paragraph, text: str) -> None:
    """A VML text box anchored in the paragraph, as older Word and WPS write them."""
    run = parse_xml(
        f'<w:r xmlns:w="{W}" xmlns:v="{V}"><w:pict><v:shape style="width:200pt;height:40pt">'
        f'<v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'
        f'</v:textbox></v:shape></w:pict></w:r>')
    paragraph._p.append(run)


# The report as typed: what each paragraph should be recognised as, in order.
REPORT_ROLES = [
    ("关于2024年度意识形态工作", "标题"),
    ("责任制落实情况的报告", "标题"),
    ("县委宣传部：", "主送"),
    ("现将我局2024年度", "正文"),
    ("一、提高政治站位", "一级标题"),
    ("(一)强化组织领导。", "二级标题"),
    ("（二） 抓好理论学习。", "二级标题"),
    ("二、坚持教育培训", "一级标题"),  # split out of the paragraph above
    ("（三）加强阵地管理。", "二级标题"),
    ("1、建立审核制度", "三级标题"),
    ("3.落实三审三校", "三级标题"),
    ("一是加强学习", "正文"),
    ("附表", "正文"),  # the text box
    ("项目", "表格"),
    ("四、存在的问题", "一级标题"),
    ("特此报告。", "结束语"),
    ("附件：1.", "附件"),
    ("2.学习记录", "附件"),
    ("中共清河县审计局党组", "落款"),
    ("2024年12月20日", "成文日期"),
]


def messy_report(path: Path) -> Path:
    document = docx.Document()
    center, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    _para(document, "关于2024年度意识形态工作", font="宋体", size=22, bold=True, align=center)
    _para(document, "责任制落实情况的报告", font="宋体", size=22, bold=True, align=center)
    document.add_paragraph()  # the blank lines people type
    _para(document, "县委宣传部：", font="微软雅黑")
    _para(document, "现将我局2024年度意识形态工作责任制落实情况报告如下：")
    _para(document, "一、提高政治站位", font="黑体", size=16)
    _para(document, "(一)强化组织领导。局党组召开专题会议3次，研究部署意识形态工作。", font="楷体")
    _para(document, "（二） 抓好理论学习。全年组织集中学习12次，坚决抵制错误的言论。二、坚持教育培训")
    _para(document, "（三）加强阵地管理。要管好网站、公众号，落实审核制度。", font="Times New Roman")
    _para(document, "1、建立审核制度")
    _para(document, "3.落实三审三校")
    anchor = _para(document, "一是加强学习，二是强化督导，三是严格考核。")
    _text_box(anchor, "附表：学习情况统计")
    table = document.add_table(rows=2, cols=3)
    for column, text in enumerate(("项目", "次数", "参加人数")):
        table.cell(0, column).text = text
    for column, text in enumerate(("集中学习", "12", "45")):
        table.cell(1, column).text = text
    _para(document, "四、存在的问题", bold=True)
    _para(document, "特此报告。")
    _para(document, "附件：1.意识形态工作台账")
    _para(document, "2.学习记录")
    _para(document, "中共清河县审计局党组", align=right)
    _para(document, "2024年12月20日", align=right)
    document.save(str(path))
    return path


def styled_speech(path: Path) -> Path:
    """Word's own heading styles, no typed numbers, a byline in parentheses, a salutation."""
    document = docx.Document()
    document.add_paragraph("在全县审计工作会议上的讲话", style="Title")
    _para(document, "（2024年3月15日）", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "同志们：")
    _para(document, "今天召开全县审计工作会议，主要任务是总结工作、部署任务。")
    document.add_heading("过去一年的工作", level=1)
    _para(document, "一年来，全县审计系统坚持依法审计。")
    document.add_heading("今年的重点任务", level=1)
    document.add_heading("聚焦主责主业", level=2)
    _para(document, "要紧盯重点领域。")
    _para(document, "谢谢大家！")
    document.save(str(path))
    return path


def _numbering_definition(document, num_id: int, levels: list[tuple[str, str]]) -> None:
    """A list definition in the file's numbering part: (numFmt, lvlText) per level."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    numbering = document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                   f'</w:lvl>' for i, (fmt, text) in enumerate(levels))
    abstract = parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="{num_id}">{lvls}</w:abstractNum>')
    first_num = numbering.find(f"{{{W}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))


def _numbered(paragraph, num_id: int, level: int) -> None:
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def auto_numbered(path: Path) -> Path:
    """Headings numbered by Word itself (一、 （一） 1. as list levels): the text has no numbers."""
    document = docx.Document()
    _numbering_definition(document, 90, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"),
                                         ("decimal", "%3.")])
    _para(document, "工作汇报", align=WD_ALIGN_PARAGRAPH.CENTER, size=22)
    for text, level in (("总体情况", 0), ("组织领导", 1), ("制度建设", 2), ("问题与打算", 0)):
        _numbered(_para(document, text), 90, level)
        _para(document, f"{text}方面的具体内容。")
    document.save(str(path))
    return path


def merged_table(path: Path) -> Path:
    """A statistics table whose header merges cells across columns and down rows:

        | 项目     | 完成情况      | 备注 |
        |          | 次数 | 人数   |      |
        | 集中学习 | 12   | 45     | 按期 |
        | 专题讲座 | 4    | 120    | 按期 |  (备注 merged down these two rows)
    """
    document = docx.Document()
    _para(document, "清河县审计局学习情况统计")
    _para(document, "全年学习情况统计如下。")
    table = document.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    for (row, column), text in {(1, 1): "次数", (1, 2): "人数", (2, 0): "集中学习", (2, 1): "12", (2, 2): "45",
                                (3, 0): "专题讲座", (3, 1): "4", (3, 2): "120"}.items():
        table.cell(row, column).text = text
    table.cell(0, 0).merge(table.cell(1, 0)).text = "项目"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "完成情况"
    table.cell(0, 3).merge(table.cell(1, 3)).text = "备注"
    table.cell(2, 3).merge(table.cell(3, 3)).text = "按期"
    for row in table.rows:  # the exact 28 pt rows other tools leave behind
        row.height = Pt(28)
        row.height_rule = 2  # WD_ROW_HEIGHT_RULE.EXACTLY
    _para(document, "特此报告。")
    document.save(str(path))
    return path


def red_head(path: Path, *, signed: bool = False) -> Path:
    """A 公文 with its 版头 typed by hand above the title: 份号, 密级, 紧急程度, the red
    发文机关标志, a 发文字号 with the wrong brackets (and, for a 上行文, 签发人 on a line of its own)."""
    from docx.shared import RGBColor

    document = docx.Document()
    center = WD_ALIGN_PARAGRAPH.CENTER
    if not signed:
        _para(document, "000123")
        _para(document, "秘密★1年", font="黑体")
        _para(document, "特急", font="黑体")
    mark = _para(document, "清河县人民政府" if signed else "清河县人民政府文件", font="宋体", size=36, bold=True,
                 align=center)
    mark.runs[0].font.color.rgb = RGBColor(0xE0, 0x10, 0x10)
    _para(document, "清政报(2024)5号" if signed else "清政发【2024】12号", align=center)
    if signed:
        _para(document, "签发人: 刘建国", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(document, "关于加强安全生产工作的报告" if signed else "关于加强安全生产工作的通知", size=22, align=center)
    _para(document, "县委：" if signed else "各乡镇人民政府，县直各部门：")
    _para(document, "现将有关事项报告如下。" if signed else "现将有关事项通知如下。")
    _para(document, "一、提高思想认识")
    _para(document, "各单位要切实提高认识，落实安全生产责任。")
    _para(document, "清河县人民政府", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(document, "2024年3月1日", align=WD_ALIGN_PARAGRAPH.RIGHT)
    document.save(str(path))
    return path
