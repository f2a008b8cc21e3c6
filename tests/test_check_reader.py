"""Reading drafts: .docx (python-docx), .txt, .md; files it cannot read."""

from __future__ import annotations

import zipfile

import docx
import docx.enum.text
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.check.reader import ReadError, read_draft, split_markdown, split_text
from drafter.errors import DrafterError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (f'xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
              'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
              'xmlns:v="urn:schemas-microsoft-com:vml"')


def docx_with_body(tmp_path, body: str, name: str = "draft.docx"):
    """A real .docx (made by python-docx) whose body is replaced by `body`."""
    made = tmp_path / "made.docx"
    docx.Document().save(str(made))
    path = tmp_path / name
    xml = f'<w:document {NAMESPACES}><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = xml.encode("utf-8") if item.filename == "word/document.xml" else source.read(item)
            target.writestr(item.filename, data)
    return path


def para(text: str, inside: str = "") -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r>{inside}</w:p>"


def textbox(*paragraphs: str) -> str:
    """A text box as Word writes it: DrawingML, plus the same text again as a VML fallback."""
    content = "<w:txbxContent>" + "".join(para(p) for p in paragraphs) + "</w:txbxContent>"
    return ("<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:wsp><wps:txbx>"
            f"{content}</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape>"
            f"<v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>")


def test_text_one_paragraph_per_line(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("\ufeff  标题  \n\n\u3000\u3000一、抓认识\r\n  正文第一段。\n\n", encoding="utf-8")
    assert read_draft(path) == ["标题", "一、抓认识", "正文第一段。"]


def test_text_in_gb18030(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_bytes("标题\n我村高度重视。\n".encode("gb18030"))
    assert read_draft(path) == ["标题", "我村高度重视。"]


def test_markdown_headings_keep_their_numbers():
    text = "# 标题\n\n## 一、抓认识\n\n正文第一行\n接着一行。\n\n### （一）统一思想 ###\n\n> 引文段落。\n\n---\n**加粗**的段落。\n"
    assert split_markdown(text) == ["标题", "一、抓认识", "正文第一行接着一行。", "（一）统一思想",
                                    "引文段落。", "加粗的段落。"]


def test_docx(tmp_path):
    document = docx.Document()
    document.add_paragraph("党组书记在全县统计工作会议上的讲话")
    document.add_paragraph("")
    paragraph = document.add_paragraph("一、")
    paragraph.add_run("抓认识")  # a paragraph split into runs reads as one
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "表格里的段落。"
    document.add_paragraph("我局要抓好落实。")
    path = tmp_path / "draft.docx"
    document.save(str(path))
    assert read_draft(path) == ["党组书记在全县统计工作会议上的讲话", "一、抓认识", "表格里的段落。",
                                "我局要抓好落实。"]


def test_docx_skips_deleted_text(tmp_path):
    path = docx_with_body(tmp_path, '<w:p><w:r><w:t>我村</w:t></w:r><w:del><w:r><w:delText>我街道</w:delText>'
                                    '</w:r></w:del><w:r><w:t>各项工作</w:t></w:r></w:p>')
    assert read_draft(path) == ["我村各项工作"]


def test_text_box_is_read_once_after_its_paragraph(tmp_path):
    """Word keeps a text box's text twice (DrawingML and VML) inside the anchoring paragraph:
    it used to be read into that paragraph and again as paragraphs of its own."""
    body = (para("标题") + para("正文第一段。", textbox("框里第一段。", "框里第二段。"))
            + para("正文第二段。"))
    assert read_draft(docx_with_body(tmp_path, body)) == [
        "标题", "正文第一段。", "框里第一段。", "框里第二段。", "正文第二段。"]


def test_text_box_without_fallback_and_in_a_table(tmp_path):
    vml_only = ("<w:r><w:pict><v:shape><v:textbox><w:txbxContent>" + para("旧式文本框。")
                + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
    body = (para("标题") + "<w:tbl><w:tr><w:tc>" + para("单元格一。", vml_only) + "</w:tc><w:tc>"
            + para("单元格二。") + "</w:tc></w:tr></w:tbl>"
            + "<w:sdt><w:sdtContent>" + para("内容控件里的段落。") + "</w:sdtContent></w:sdt>")
    assert read_draft(docx_with_body(tmp_path, body)) == [
        "标题", "单元格一。", "旧式文本框。", "单元格二。", "内容控件里的段落。"]


def damaged_deflate(tmp_path):
    """A valid zip whose word/document.xml has a damaged compressed stream."""
    path = docx_with_body(tmp_path, para("标题") + para("我村各项工作。" * 50))
    with zipfile.ZipFile(path) as package:
        info = package.getinfo("word/document.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start] = 0xFF  # the first block's header now names the reserved block type 3
    path.write_bytes(bytes(data))
    return path


def truncated(tmp_path):
    path = docx_with_body(tmp_path, para("标题"))
    path.write_bytes(path.read_bytes()[:2000])
    return path


def central_header(field_offset: int, value: bytes):
    """A .docx whose first central-directory entry has `value` at `field_offset` (8: the flags,
    10: the compression method): damage that zipfile reports with unusual exceptions."""
    def make(tmp_path):
        path = docx_with_body(tmp_path, para("标题"))
        data = bytearray(path.read_bytes())
        entry = data.index(b"PK\x01\x02")
        data[entry + field_offset:entry + field_offset + len(value)] = value
        path.write_bytes(bytes(data))
        return path
    return make


def renamed_doc(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    return path


def renamed_xlsx(tmp_path):
    import openpyxl

    path = tmp_path / "table.docx"
    openpyxl.Workbook().save(path)
    return path


def document_xml(xml: str):
    """A .docx whose word/document.xml is `xml`."""
    def make(tmp_path):
        path = docx_with_body(tmp_path, "")
        with zipfile.ZipFile(path) as source:
            parts = {item.filename: source.read(item) for item in source.infolist()}
        parts["word/document.xml"] = xml.encode("utf-8")
        with zipfile.ZipFile(path, "w") as target:
            for name, data in parts.items():
                target.writestr(name, data)
        return path
    return make


def test_docx_without_a_body_has_no_paragraphs(tmp_path):
    assert read_draft(document_xml(f'<w:document xmlns:w="{W}"></w:document>')(tmp_path)) == []


def written(name: str, content: bytes):
    def make(tmp_path):
        path = tmp_path / name
        path.write_bytes(content)
        return path
    return make


@pytest.mark.parametrize("make, message", [
    (damaged_deflate, "文件已损坏或不完整"),
    (truncated, "文件已损坏或不完整"),
    (central_header(8, b"\x01\x00"), "文件已损坏或不完整"),  # "encrypted": RuntimeError in zipfile
    (central_header(10, b"\x63\x00"), "文件已损坏或不完整"),  # method 99: NotImplementedError
    (written("bad.docx", b"not a zip"), "文件已损坏或不完整"),
    (renamed_doc, "其实是旧版 .doc 格式或加了密码的文档"),
    (renamed_xlsx, "里面不是 Word 文档"),
    (document_xml(f'<w:document xmlns:w="{W}"><w:body><w:p></w:body>'), "文件内容格式有误（XML 损坏）"),
    (document_xml("<other/>"), "文件内容格式有误（XML 损坏）"),
    (written("draft.doc", b"\xd0\xcf\x11\xe0"), "这是旧版 Word 文档（.doc），请在 Word 或 WPS 里打开，“另存为”Word 文档（.docx）后再检查"),
    (written("draft.wps", b"\xd0\xcf\x11\xe0"), "这是 WPS 文字文档（.wps），请在 Word 或 WPS 里打开，“另存为”Word 文档（.docx）后再检查"),
    (written("draft.pdf", b"%PDF"), "这是 PDF 文件，读不出原稿的段落"),
    (written("draft.txt", b"\xff\x81\x20\xff"), "不是 UTF-8"),
    (lambda tmp_path: tmp_path / "none.docx", "找不到文稿"),
    (lambda tmp_path: tmp_path, "是一个文件夹"),
])
def test_unreadable(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(ReadError) as excinfo:
        read_draft(path)
    assert message in str(excinfo.value)
    assert str(path) in str(excinfo.value)
    assert isinstance(excinfo.value, DrafterError) and excinfo.value.exit_code == 2


def test_damaged_deflate_stream_is_what_zlib_trips_on(tmp_path):
    """The fixture is a zip whose directory is sound and whose compressed data is not:
    zlib's error, which escaped as exit status 70 before."""
    import zlib

    with zipfile.ZipFile(damaged_deflate(tmp_path)) as package:
        assert "word/document.xml" in package.namelist()
        with pytest.raises(zlib.error):
            package.read("word/document.xml")


def test_split_text_drops_blank_lines():
    assert split_text("甲\n\n  \n乙") == ["甲", "乙"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damage=st.lists(st.tuples(st.integers(min_value=0), st.binary(min_size=1, max_size=8)), min_size=1,
                       max_size=4),
       keep=st.one_of(st.none(), st.integers(min_value=0)))
def test_damaged_docx_is_read_or_refused_in_chinese(tmp_path, damage, keep):
    """Bytes overwritten anywhere, or the file cut short: a list of paragraphs or a ReadError,
    never another exception (which the command would report as an internal error)."""
    data = bytearray(docx_with_body(tmp_path, para("标题") + para("我村各项工作。" * 20), "whole.docx").read_bytes())
    for offset, replacement in damage:
        offset %= len(data)
        data[offset:offset + len(replacement)] = replacement
    if keep is not None:
        data = data[:keep % len(data)]
    path = tmp_path / "damaged.docx"
    path.write_bytes(bytes(data))
    try:
        paragraphs = read_draft(path)
    except ReadError as error:
        assert str(path) in str(error)
    else:
        assert all(isinstance(p, str) for p in paragraphs)


def test_lines_typed_with_shift_enter_are_paragraphs_of_their_own(tmp_path):
    """As drafter format reads them: a heading typed after a soft break is found, not run into
    the text before it (and a page break ends a paragraph too)."""
    document = docx.Document()
    document.add_paragraph("关于上半年工作情况的报告")
    body = document.add_paragraph("上半年工作平稳。")
    body.add_run().add_break()
    body.add_run("　　一、主要工作")
    body.add_run().add_break()
    body.add_run("抓好学习。")
    last = document.add_paragraph("下半年继续努力。")
    last.add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
    last.add_run("附件：名单")
    document.save(tmp_path / "软回车.docx")
    assert read_draft(tmp_path / "软回车.docx") == [
        "关于上半年工作情况的报告", "上半年工作平稳。", "一、主要工作", "抓好学习。", "下半年继续努力。", "附件：名单"]
