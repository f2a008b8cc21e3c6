"""Reading drafts: .docx (zipfile + XML), .txt, .md."""

from __future__ import annotations

import zipfile

import docx
import pytest

from drafter.check.reader import ReadError, read_draft, split_markdown, split_text


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
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = (f'<w:document xmlns:w="{w}"><w:body>'
           '<w:p><w:r><w:t>我村</w:t></w:r><w:del><w:r><w:delText>我街道</w:delText></w:r></w:del>'
           '<w:r><w:t>各项工作</w:t></w:r></w:p></w:body></w:document>')
    path = tmp_path / "tracked.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("word/document.xml", xml)
    assert read_draft(path) == ["我村各项工作"]


@pytest.mark.parametrize("name, content, message", [
    ("bad.docx", b"not a zip", "不是有效的 .docx 文件"),
    ("draft.pdf", b"%PDF", "不支持的文件类型“.pdf”"),
    ("draft.txt", b"\xff\xfe\xfa\x00\x81", "不是 UTF-8 或 GBK 编码"),
])
def test_unreadable(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError, match=message):
        read_draft(path)


def test_split_text_drops_blank_lines():
    assert split_text("甲\n\n  \n乙") == ["甲", "乙"]
