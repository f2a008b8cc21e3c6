"""`drafter serve` through Starlette's test client: every page and action, the guard
(token, Host, Origin, size), paths kept inside the folder, bad input on disk, saving with
comments kept, the conflict case and the downloads."""

from __future__ import annotations

import json
import re
import shutil
import warnings
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, run_cli

with warnings.catch_warnings():  # starlette nudges towards httpx2; httpx is what is installed
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from drafter.serve.app import create_app

TOKEN = "test-token"
BASE = "http://127.0.0.1:8765"
REPORT = "school-quarterly-report.yaml"
UNIT = yaml.safe_load((EXAMPLES / REPORT).read_text(encoding="utf-8"))["unit"]["name"]
NEW_UNIT = UNIT[:-1] + ("校" if UNIT[-1] != "校" else "院")  # as long: the comment after it stays in place


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / REPORT, tmp_path / REPORT)
    return tmp_path


def client_for(folder: Path, login: bool = True) -> TestClient:
    client = TestClient(create_app(folder, TOKEN, "127.0.0.1", 8765), base_url=BASE)
    if login:
        assert client.get(f"/?token={TOKEN}").status_code == 200
    return client


@pytest.fixture
def client(folder: Path) -> TestClient:
    return client_for(folder)


def report_data(folder: Path) -> dict:
    from drafter.serve.form import to_json
    from drafter.source import load_file

    return to_json(load_file(folder / REPORT).data)


def preview(client: TestClient, data: dict, name: str = REPORT) -> dict:
    response = client.post("/api/preview", json={"file": name, "data": data})
    assert response.status_code == 200, response.text
    return response.json()


def paragraphs_of(pages_html: str) -> list[str]:
    """The paragraphs the preview shows, joined from their lines."""
    found: dict[int, str] = {}
    for number, text in re.findall(r'<p class="[^"]*" data-para="(\d+)">([^<]*)</p>', pages_html):
        found[int(number)] = found.get(int(number), "") + text.replace("&nbsp;", "")
    return [found[n] for n in sorted(found)]


# -- the guard -----------------------------------------------------------------------------

def test_a_request_without_the_token_is_refused_in_chinese(folder):
    client = client_for(folder, login=False)
    response = client.get("/")
    assert response.status_code == 403
    assert "缺少访问令牌" in response.text
    assert client.get("/?token=wrong").status_code == 403
    assert client.post("/api/preview", json={"file": REPORT, "data": {}}).status_code == 403


def test_the_token_in_the_address_sets_a_cookie_and_leaves_the_address(folder):
    client = client_for(folder, login=False)
    response = client.get(f"/edit?file={REPORT}&token={TOKEN}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/edit?file={REPORT}"
    assert "HttpOnly" in response.headers["set-cookie"] and "SameSite=Strict" in response.headers["set-cookie"]
    assert client.get(f"/edit?file={REPORT}").status_code == 200  # the cookie carries it from now on


def test_a_foreign_host_is_refused_even_with_the_token(client):
    """DNS rebinding: evil.example resolving to 127.0.0.1 reaches the port with its own Host."""
    response = client.get("/", headers={"host": "evil.example:8765"})
    assert response.status_code == 403
    assert "不是本服务的地址" in response.text
    assert client.get("/", headers={"host": "localhost:8765"}).status_code == 200
    assert client.get("/", headers={"host": "127.0.0.1:9999"}).status_code == 403


def test_a_post_from_another_site_is_refused(client, folder):
    data = report_data(folder)
    response = client.post("/api/save", json={"file": REPORT, "data": data},
                           headers={"origin": "https://evil.example"})
    assert response.status_code == 403
    assert "其他网站" in response.text
    same = client.post("/api/preview", json={"file": REPORT, "data": data}, headers={"origin": BASE})
    assert same.status_code == 200


def test_a_request_body_over_the_limit_is_refused(client):
    response = client.post("/api/preview", content=b"x" * (3 * 1024 * 1024),
                           headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "过大" in response.text


@pytest.mark.parametrize("name", ["../outside.yaml", "/etc/passwd.yaml", "sub/../../outside.yaml",
                                  "..\\outside.yaml", "C:\\Windows\\x.yaml", "notes.txt"])
def test_names_that_leave_the_folder_are_refused(client, folder, name):
    (folder.parent / "outside.yaml").write_text("template: quarterly-report\n", encoding="utf-8")
    response = client.post("/api/save", json={"file": name, "data": {}, "base": ""})
    assert response.status_code == 403
    assert "工作文件夹" in response.json()["message"] or "不是 YAML" in response.json()["message"]
    page = client.get("/edit", params={"file": name})
    assert page.status_code == 400 and "无法打开" in page.text


def test_a_link_leading_out_of_the_folder_is_refused_and_not_listed(client, folder, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.yaml"
    outside.write_text((EXAMPLES / REPORT).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "link.yaml").symlink_to(outside)
    response = client.get("/edit", params={"file": "link.yaml"})
    assert response.status_code == 400
    assert "指向工作文件夹以外的链接" in response.text
    assert "link.yaml" not in client.get("/").text
    saved = client.post("/api/save", json={"file": "link.yaml", "data": {}, "base": ""})
    assert saved.status_code == 403
    assert outside.read_text(encoding="utf-8") == (EXAMPLES / REPORT).read_text(encoding="utf-8")


# -- pages ---------------------------------------------------------------------------------

def test_the_workspace_page_lists_inputs_and_templates(client, folder):
    (folder / "templates").mkdir()
    shutil.copy(EXAMPLES / "templates" / "bureau-network-security.j2", folder / "templates")
    page = client.get("/").text
    assert REPORT in page and UNIT in page and "2023-10-10" in page and "quarterly-report" in page
    assert "季度工作情况报告" in page and "按季度向上级报告工作情况" in page  # a built-in template
    assert "bureau-network-security" in page and "本文件夹" in page  # the folder's own
    assert "base-report" not in page  # frames cannot be used directly


def test_a_broken_yaml_on_disk_shows_its_chinese_message_and_the_server_goes_on(client, folder):
    (folder / "broken.yaml").write_text("template: quarterly-report\nunit:\n  name: 某某局\n   kind: 局\n",
                                        encoding="utf-8")
    listing = client.get("/")
    assert listing.status_code == 200 and "无法读取" in listing.text and "第 4 行" in listing.text
    page = client.get("/edit", params={"file": "broken.yaml"})
    assert page.status_code == 400
    assert "第 4 行" in page.text and "比上一行多缩进了空格" in page.text
    assert "Traceback" not in page.text
    assert client.get("/edit", params={"file": REPORT}).status_code == 200


def test_a_template_with_a_syntax_error_is_named_at_its_line(client, folder):
    (folder / "templates").mkdir()
    (folder / "templates" / "mine.j2").write_text(
        "{#---\ntitle: 我的模板\ndescription: 测试\n---#}\n{% extends \"base-speech\" %}\n"
        "{% block body %}\n{% if %}\n{% endblock %}\n", encoding="utf-8")
    (folder / "mine.yaml").write_text(
        "template: mine\nunit:\n  name: 某某局\nspeaker:\n  title: 局长\n", encoding="utf-8")
    page = client.get("/edit", params={"file": "mine.yaml"})
    assert page.status_code == 400
    assert "mine.j2 第 7 行" in page.text
    listing = client.get("/")
    assert listing.status_code == 200 and "mine" in listing.text


def test_the_editor_shows_the_form_from_the_schema_and_the_pages(client):
    page = client.get("/edit", params={"file": REPORT}).text
    assert "单位全称" in page and "讲话人职务" in page and "主送机关" in page  # Chinese titles
    assert 'title="必填"' in page  # required fields marked
    assert '<input type="date" value="2023-10-10">' in page
    assert "<textarea" in page  # multi-paragraph fields
    assert 'class="add"' in page and 'class="remove"' in page and 'class="up"' in page  # list rows
    assert "例如：县委宣传部" in page  # an example as placeholder
    assert 'class="page odd"' in page and "— 1 —" in page and "— 2 —" in page
    assert "县一中关于2023年第三季度" in page


def test_an_unknown_page_and_a_malformed_request_get_chinese_answers(client):
    assert client.get("/nothing").status_code == 404 and "没有这个页面" in client.get("/nothing").text
    bad = client.post("/api/preview", content=b"{not json", headers={"content-type": "application/json"})
    assert bad.status_code == 400 and bad.json()["message"] == "提交的内容不是正确的 JSON"
    assert client.get("/api/preview").status_code == 405


# -- preview -------------------------------------------------------------------------------

def test_the_preview_follows_the_form(client, folder):
    data = report_data(folder)
    data["unit"]["name"] = NEW_UNIT
    data["unit"]["short_name"] = "县二中"
    answer = preview(client, data)
    assert answer["errors"] == [] and answer["problem"] == ""
    paragraphs = paragraphs_of(answer["pages"])
    assert paragraphs[0] == "县二中关于2023年第三季度意识形态工作情况的报告"
    assert NEW_UNIT in paragraphs

    from drafter.pipeline import render_source
    from drafter.serve.preview import form_source

    rendered = render_source(form_source(data)[0], client.app.app.state.workspace.library().get("quarterly-report"))
    assert paragraphs == rendered.document.paragraphs()


def test_a_cleared_required_field_gets_the_command_line_message_at_its_path(client, folder, tmp_path_factory):
    data = report_data(folder)
    data["unit"]["name"] = None
    answer = preview(client, data)
    assert answer["pages"] == ""
    cli_file = tmp_path_factory.mktemp("cli") / "in.yaml"
    cli_file.write_text((folder / REPORT).read_text(encoding="utf-8").replace(UNIT, ""), encoding="utf-8")
    cli = run_cli("validate", str(cli_file))
    assert cli.code == 1
    message = answer["errors"][0]["message"]
    assert answer["errors"] == [{"path": "unit.name", "message": "字段“unit.name”（单位全称）没有填写（应为文字）"}]
    assert message in cli.err


def test_errors_inside_list_items_and_of_wrong_types_name_their_path(client, folder):
    data = report_data(folder)
    data["achievements"][1]["title"] = None
    data["meeting"]["date"] = "2023-02-30"
    data["unit"]["kind"] = "大队"
    paths = {e["path"]: e["message"] for e in preview(client, data)["errors"]}
    assert set(paths) == {"achievements.1.title", "meeting.date", "unit.kind"}
    assert "不认识的单位类型“大队”" in paths["unit.kind"]


def test_an_unknown_field_is_reported_without_a_field_path_in_the_form(client, folder):
    data = report_data(folder)
    data["colour"] = "红"
    errors = preview(client, data)["errors"]
    assert errors == [{"path": "colour", "message": "不认识的字段“colour”（可以用的字段：template、title、unit、speaker、"
                                                    "meeting、leaders、tasks、period、topic、recipient、overview、"
                                                    "achievements、problems、causes、plans）"}]


def test_check_findings_come_with_their_paragraph(client, folder):
    data = report_data(folder)
    data["achievements"][0]["detail"] = "我局召开专题会议，研究部署意识形态工作。"
    answer = preview(client, data)
    findings = [f for f in answer["findings"] if f["rule"] == "unit.self-ref"]
    assert findings, answer["findings"]
    number = findings[0]["paragraph"]
    assert "我局" in paragraphs_of(answer["pages"])[number - 1]
    assert f'data-para="{number}"' in answer["pages"]


# -- saving --------------------------------------------------------------------------------

def test_saving_changes_only_the_changed_values(client, folder):
    path = folder / REPORT
    # a comment written by hand, and meeting: moved before unit:
    text = path.read_text(encoding="utf-8")
    meeting = text[text.index("meeting:"):text.index("recipient:")]
    text = text.replace(meeting, "").replace("unit:\n", "# 2023-10-12 张主任：落款日期按印发日期改\n" + meeting + "unit:\n")
    path.write_text(text, encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    assert before.index("meeting:") < before.index("unit:")
    base = client.get("/edit", params={"file": REPORT})
    state = json.loads(re.search(r'<script id="state" type="application/json">(.*?)</script>', base.text, re.S)
                       .group(1))
    data = report_data(folder)
    data["unit"]["name"] = NEW_UNIT
    data["meeting"]["date"] = "2023-10-12"
    response = client.post("/api/save", json={"file": REPORT, "data": data, "base": state["base"]})
    assert response.status_code == 200, response.text
    after = path.read_text(encoding="utf-8")
    expected = (before.replace(f"name: {UNIT}     ", f"name: {NEW_UNIT}     ")
                .replace("date: 2023-10-10 ", "date: 2023-10-12 "))
    assert after == expected  # comments, blank lines, key order: byte for byte
    assert response.json()["message"] == f"已保存：{REPORT}"


@pytest.mark.parametrize("encoding, newline", [("gb18030", "\r\n"), ("utf-16", "\r\n"), ("utf-8-sig", "\n")])
def test_saving_keeps_the_files_encoding_and_line_endings(client, folder, encoding, newline):
    """Notepad users save in GBK or "Unicode" with CRLF: the saved file keeps both, so the
    only bytes that change are those of the changed value."""
    from drafter.serve.workspace import fingerprint

    path = folder / REPORT
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    data = report_data(folder)
    data["unit"]["name"] = NEW_UNIT
    base = fingerprint(path.read_bytes())
    response = client.post("/api/save", json={"file": REPORT, "data": data, "base": base})
    assert response.status_code == 200, response.text
    expected = text.replace(f"name: {UNIT}     ", f"name: {NEW_UNIT}     ")
    assert expected != text
    assert path.read_bytes() == expected.replace("\n", newline).encode(encoding)


def test_switching_the_template_says_what_leaves_the_file_then_saves_it(client, folder):
    from drafter.serve.workspace import fingerprint
    from drafter.source import load_file

    path = folder / REPORT
    before = path.read_text(encoding="utf-8")
    page = client.get("/edit", params={"file": REPORT}).text
    assert '<select id="template-choice" data-current="quarterly-report">' in page
    assert '<option value="ideology-four-grips">' in page and "base-speech" not in page
    data = report_data(folder)
    data["unit"]["name"] = NEW_UNIT  # an unsaved change in the form goes along
    body = {"file": REPORT, "data": data, "base": fingerprint(path.read_bytes()), "template": "ideology-four-grips"}
    asked = client.post("/api/switch", json=body)
    assert asked.status_code == 200, asked.text
    assert asked.json()["dropped"] == ["recipient", "achievements", "problems", "causes", "plans"]
    assert path.read_text(encoding="utf-8") == before  # asking changes nothing
    done = client.post("/api/switch", json={**body, "confirm": True})
    assert done.status_code == 200, done.text
    assert done.json()["reload"] == f"/edit?file={REPORT}"
    after = load_file(path).data
    assert after["template"] == "ideology-four-grips" and after["unit"]["name"] == NEW_UNIT
    assert not {"recipient", "achievements", "problems", "causes", "plans"} & set(after)
    text = path.read_text(encoding="utf-8")
    assert "template: ideology-four-grips" in text and "# 每项都有 detail" not in text
    assert text.splitlines()[1:3] == before.splitlines()[1:3]  # the file's own comments stay
    assert text.splitlines()[0] == "# yaml-language-server: $schema=ideology-four-grips.schema.json"
    assert json.loads((folder / "ideology-four-grips.schema.json").read_text(encoding="utf-8"))["title"]
    assert client.get("/edit", params={"file": REPORT}).status_code == 200


def test_switching_to_an_unknown_template_or_over_a_changed_file_is_refused(client, folder):
    from drafter.serve.workspace import fingerprint

    path = folder / REPORT
    body = {"file": REPORT, "data": report_data(folder), "base": fingerprint(path.read_bytes())}
    unknown = client.post("/api/switch", json={**body, "template": "没有这个模板"})
    assert unknown.status_code == 400 and "找不到模板“没有这个模板”" in unknown.json()["message"]
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    stale = client.post("/api/switch", json={**body, "template": "ideology-four-grips", "confirm": True})
    assert stale.status_code == 409 and "已被修改" in stale.json()["message"]


def test_saving_a_new_list_item_and_a_tricky_value_reads_back_the_same(client, folder):
    from drafter.serve.workspace import fingerprint
    from drafter.source import load_file

    path = folder / REPORT
    data = report_data(folder)
    data["problems"].append("no")
    data["leaders"].append({"name": "关于: 王某某", "post": None, "role": None, "duty": None})
    data["causes"] = "第一段。\n第二段。"
    base = fingerprint(path.read_bytes())
    assert client.post("/api/save", json={"file": REPORT, "data": data, "base": base}).status_code == 200
    text = path.read_text(encoding="utf-8")
    assert "  - 'no'\n" in text and "  - name: '关于: 王某某'\n" in text and "causes: |\n  第一段。\n  第二段。\n" in text
    assert "# 每项都有 detail，所以每项一个小标题" in text
    loaded = load_file(path).data
    assert loaded["problems"][-1] == "no" and loaded["leaders"][-1] == {"name": "关于: 王某某"}
    assert run_cli("validate", str(path)).code == 0


SPEECH = "讲话.yaml"


def sent_by_the_page(path: Path, edit) -> dict:
    """The file's data as the edit page sends it on saving: every field of the form, an
    empty text as None and an empty list as [], after `edit` changed it."""
    from drafter.pipeline import choose_template
    from drafter.serve.form import build_form, to_json
    from drafter.serve.workspace import Workspace
    from drafter.source import load_file

    source = load_file(path)
    form = build_form(choose_template(source, None, Workspace(path.parent).library()))

    def value(field, held):
        if field.widget == "group":
            return {str(c.key): value(c, held.get(c.key) if isinstance(held, dict) else None) for c in field.children}
        if field.widget == "list":
            return [value(field.item, item) for item in (held if isinstance(held, list) else [])]
        return None if held in (None, "") else held

    data = to_json(source.data)
    sent = {"template": data["template"], **value(form, data)}
    edit(sent)
    return sent


def saved_lines(client: TestClient, folder: Path, text: str, edit) -> tuple[list[str], list[str]]:
    """The lines of `text` and of the file saved from it through the page with `edit` made."""
    from drafter.serve.workspace import fingerprint

    path = folder / SPEECH
    path.write_text(text, encoding="utf-8")
    data = sent_by_the_page(path, edit)
    response = client.post("/api/save", json={"file": SPEECH, "data": data, "base": fingerprint(path.read_bytes())})
    assert response.status_code == 200, response.text
    return text.splitlines(), path.read_text(encoding="utf-8").splitlines()


def init_speech() -> str:
    """`drafter init ideology-four-grips`: its common fields' lists are indented, the
    template's own (rule_documents, channels …) are not."""
    text = run_cli("init", "ideology-four-grips").out
    assert "\nleaders:  " in text and "\n  - name: " in text and "\nsuperiors:\n- " in text
    return text


def test_saving_an_init_file_changes_only_the_edited_line(client, folder):
    before, after = saved_lines(client, folder, init_speech(), lambda data: data["unit"].update(name="清河县统计局"))
    changed = [(old, new) for old, new in zip(before, after) if old != new]
    assert len(after) == len(before)
    assert [(old.split("#")[0].strip(), new.split("#")[0].strip()) for old, new in changed] == [
        ("name: 某某县某某局", "name: 清河县统计局")]


def test_saving_leaves_empty_fields_and_spaces_at_line_ends_as_they_were(client, folder):
    """A 村's file as a user filled it: lists indented, fields left empty (some with a
    space after the colon); the page sends the empty lists back as []."""
    text = re.sub(r"\n(tasks|rule_documents|key_projects):.*?\n\n", r"\n\1:\n\n", init_speech(), flags=re.S)
    text = text.replace("\n- ", "\n  - ").replace("\n  detail:", "\n    detail:")
    text = re.sub(r"(?m)^(  name|purpose): .*$", r"\1: ", text.replace("  name: 张某某 ", "  name: 张某某"))
    assert "\ntasks:\n\n" in text and "\n  name: \n" in text and "\npurpose: \n" in text
    before, after = saved_lines(client, folder, text, lambda data: data["speaker"].update(title="党支部书记"))
    assert [(old, new) for old, new in zip(before, after) if old != new] == [
        ("  title: 党组书记                # 职务（必填），用在标题和署名里",
         "  title: 党支部书记               # 职务（必填），用在标题和署名里")]  # the comment's column kept
    assert len(after) == len(before)


NEXT_COMMENT = "# 重点工作（项目）（条目列表（每项有 title 和 detail），可选）"


@pytest.mark.parametrize("kept", [2, 0])
def test_removing_the_last_items_of_a_list_keeps_the_next_fields_comment(client, folder, kept):
    before, after = saved_lines(client, folder, init_speech(),
                                lambda data: data.update(channels=data["channels"][:kept]))
    removed = ["- 工作群"] if kept else ["- 门户网站", "- 微信公众号", "- 工作群"]
    assert after == [line for line in before if line not in removed]
    assert any(line.startswith(NEXT_COMMENT) for line in after)


def test_removing_every_item_of_a_list_with_a_comment_on_its_key_keeps_both_comments(client, folder):
    before, after = saved_lines(client, folder, init_speech(), lambda data: data.update(tasks=[]))
    start = next(i for i, line in enumerate(before) if line.startswith("tasks:")) + 1
    removed = before[start:before.index("", start)]
    assert len(removed) == 2 and removed[0].startswith("  - title: ")
    assert after == [line for line in before if line not in removed]


def test_a_file_changed_on_disk_is_not_overwritten_unless_the_user_chooses(client, folder):
    from drafter.serve.workspace import fingerprint

    path = folder / REPORT
    base = fingerprint(path.read_bytes())
    path.write_text(path.read_text(encoding="utf-8").replace("县委教育工委", "县教育局"), encoding="utf-8")
    data = report_data(folder)
    data["speaker"]["name"] = "张某某"
    conflict = client.post("/api/save", json={"file": REPORT, "data": data, "base": base})
    assert conflict.status_code == 409
    assert conflict.json()["conflict"] is True and "已被修改" in conflict.json()["message"]
    assert "张某某" not in path.read_text(encoding="utf-8")
    forced = client.post("/api/save", json={"file": REPORT, "data": data, "base": base, "force": True})
    assert forced.status_code == 200
    assert "  name: 张某某\n" in path.read_text(encoding="utf-8")
    assert forced.json()["base"] == fingerprint(path.read_bytes())


# -- downloads and new inputs --------------------------------------------------------------

def test_downloads_give_the_documents_render_gives(client, folder, tmp_path_factory):
    data = report_data(folder)
    docx = client.post("/api/download?format=docx", json={"file": REPORT, "data": data})
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert docx.headers["content-disposition"].startswith("attachment; filename*=UTF-8''")
    text = client.post("/api/download?format=text", json={"file": REPORT, "data": data})
    out = tmp_path_factory.mktemp("render") / "out.txt"
    assert run_cli("render", str(folder / REPORT), "-o", str(out)).code == 0
    assert text.content == out.read_bytes()
    wrong = client.post("/api/download?format=exe", json={"file": REPORT, "data": data})
    assert wrong.status_code == 400 and "不支持的下载格式" in wrong.json()["message"]


def test_a_download_with_errors_in_the_form_says_what_to_fix(client, folder):
    data = report_data(folder)
    data["speaker"]["title"] = None
    response = client.post("/api/download?format=docx", json={"file": REPORT, "data": data})
    assert response.status_code == 400
    assert "speaker.title" in response.json()["message"]


def test_pdf_without_libreoffice_says_how_to_install_it(client, folder, monkeypatch):
    from drafter.pdf import INSTALL_HINT

    monkeypatch.setenv("DRAFTER_SOFFICE", str(folder / "no-such-soffice"))
    response = client.post("/api/download?format=pdf", json={"file": REPORT, "data": report_data(folder)})
    assert response.status_code == 503
    assert response.json()["message"] == INSTALL_HINT


def test_pdf_through_libreoffice(client, folder):
    response = client.post("/api/download?format=pdf", json={"file": REPORT, "data": report_data(folder)})
    assert response.status_code == 200, response.text
    assert response.content.startswith(b"%PDF")


def test_a_new_input_is_what_drafter_init_writes(client, folder):
    response = client.post("/api/new", json={"name": "三季度报告", "template": "quarterly-report"})
    assert response.status_code == 200 and response.json()["file"] == "三季度报告.yaml"
    written = (folder / "三季度报告.yaml").read_text(encoding="utf-8")
    init = run_cli("init", "quarterly-report")
    assert written == init.out
    assert (folder / "quarterly-report.schema.json").is_file()
    assert client.get("/edit", params={"file": "三季度报告.yaml"}).status_code == 200
    again = client.post("/api/new", json={"name": "三季度报告", "template": "quarterly-report"})
    assert again.status_code == 403 and "已经存在" in again.json()["message"]
    escape = client.post("/api/new", json={"name": "../x", "template": "quarterly-report"})
    assert escape.status_code == 403
    unknown = client.post("/api/new", json={"name": "甲", "template": "no-such"})
    assert unknown.status_code == 400 and "找不到模板" in unknown.json()["message"]
    assert not (folder / "甲.yaml").exists()


def test_a_new_input_with_an_upper_case_suffix_is_listed_and_opens(client, folder):
    response = client.post("/api/new", json={"name": "新讲话.YAML", "template": "ideology-four-grips"})
    assert response.status_code == 200 and response.json()["file"] == "新讲话.YAML"
    (folder / "旧讲话.Yml").write_text((folder / "新讲话.YAML").read_text(encoding="utf-8"), encoding="utf-8")
    page = client.get("/").text
    assert "新讲话.YAML" in page and "旧讲话.Yml" in page
    assert client.get("/edit", params={"file": "旧讲话.Yml"}).status_code == 200
    again = client.post("/api/new", json={"name": "旧讲话.Yml", "template": "ideology-four-grips"})
    assert again.status_code == 403 and "已经存在" in again.json()["message"]


@pytest.mark.parametrize("name", ["", "   "])
def test_a_new_input_without_a_name_asks_for_one(client, folder, name):
    response = client.post("/api/new", json={"name": name, "template": "ideology-four-grips"})
    assert response.status_code == 403 and response.json()["message"] == "请填写文件名"
    assert list(folder.glob("*.yaml")) == [folder / REPORT]


def test_values_of_the_wrong_shape_on_disk_open_with_their_messages(client, folder):
    (folder / "odd.yaml").write_text(
        "template: quarterly-report\nunit: 清河县第一中学\nspeaker:\n  title: [党委书记]\n"
        "leaders: 陈某某\nproblems:\n  a: 1\n", encoding="utf-8")
    page = client.get("/edit", params={"file": "odd.yaml"})
    assert page.status_code == 200
    state = json.loads(re.search(r'<script id="state" type="application/json">(.*?)</script>', page.text, re.S)
                       .group(1))
    errors = {e["path"]: e["message"] for e in state["preview"]["errors"]}
    assert errors["unit"] == "字段“unit”（本单位）应为一组“字段名: 值”（现在是“清河县第一中学”）"
    assert errors["speaker.title"] == "字段“speaker.title”（讲话人职务）应为文字（现在是一个列表）"
    assert set(errors) == {"unit", "speaker.title", "leaders", "problems"}
    assert "[" not in re.sub(r"<script.*?</script>", "", page.text, flags=re.S).split("<form", 1)[1].split("</form>")[0]


@pytest.mark.parametrize("host, header, allowed", [
    ("127.0.0.1", "127.0.0.1:8765", True), ("127.0.0.1", "localhost:8765", True),
    ("127.0.0.1", "127.0.0.1:80", False), ("127.0.0.1", "evil.example:8765", False),
    ("127.0.0.1", "192.168.1.5:8765", False), ("127.0.0.1", "", False),
    ("0.0.0.0", "192.168.1.5:8765", True), ("0.0.0.0", "evil.example:8765", False),
    ("::", "[fe80::1]:8765", True), ("::1", "[::1]:8765", True), ("192.168.1.5", "192.168.1.5:8765", True),
    ("192.168.1.5", "127.0.0.1:8765", False),
])
def test_which_host_headers_name_the_server(host, header, allowed):
    from drafter.serve.security import host_allowed

    assert host_allowed(header, host, 8765) is allowed


def test_static_files_need_the_token_too(client, folder):
    assert client.get("/static/edit.js").status_code == 200
    assert "beforeunload" in client.get("/static/edit.js").text
    assert client_for(folder, login=False).get("/static/edit.js").status_code == 403


def test_a_template_failing_while_rendering_is_named_beside_the_preview(client, folder):
    (folder / "templates").mkdir()
    (folder / "templates" / "mine.j2").write_text(
        "{#---\ntitle: 我的模板\ndescription: 测试\n---#}\n{% extends \"base-speech\" %}\n"
        "{% block body %}\n{{ 1 // (unit.name | length - unit.name | length) }}\n{% endblock %}\n", encoding="utf-8")
    data = {"template": "mine", "unit": {"name": "某某局"}, "speaker": {"title": "局长"}}
    answer = preview(client, data)
    assert answer["pages"] == "" and answer["errors"] == []
    assert "mine.j2 第 7 行" in answer["problem"]


def test_values_a_date_box_cannot_show_stay_in_the_form(client, folder):
    path = folder / REPORT
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2023-10-10", "date: 2023年10月10日"),
                    encoding="utf-8")
    page = client.get("/edit", params={"file": REPORT}).text
    assert '<input type="text" value="2023年10月10日">' in page
    assert preview(client, report_data(folder))["errors"] == []


def test_actions_take_json_only(client, folder):
    response = client.post("/api/save", content=json.dumps({"file": REPORT, "data": {}}),
                           headers={"content-type": "text/plain"})
    assert response.status_code == 415 and response.json()["message"] == "提交的内容应为 JSON"


def test_a_template_of_the_folder_gets_its_form_with_no_extra_work(client, folder):
    (folder / "templates").mkdir()
    shutil.copy(EXAMPLES / "templates" / "bureau-network-security.j2", folder / "templates")
    shutil.copy(EXAMPLES / "bureau-network-security.yaml", folder)
    page = client.get("/edit", params={"file": "bureau-network-security.yaml"}).text
    assert "网络安全重点措施" in page and "网络安全责任科室" in page and "例如：信息中心" in page
    assert re.search(r'data-key="network_measures" data-widget="list">\s*<legend><span class="title">网络安全重点措施'
                     r'<span class="required"', page)


ALL_TYPES_TEMPLATE = """{#---
title: 各类字段
description: 测试用
fields:
  note: {type: text, title: 备注}
  story: {type: multiline, title: 经过}
  points: {type: list, title: 要点}
  steps: {type: items, title: 步骤}
  due: {type: date, title: 截止日期}
  level: {type: choice, title: 级别, choices: [一般, 重要]}
  count: {type: number, title: 次数}
  public: {type: flag, title: 公开}
---#}
{% extends "base-speech" %}
{% block body %}
{{ note }}{{ level }}{{ count }}{{ "公开" if public else "不公开" }}{{ due }}
{% endblock %}
"""


def test_every_field_type_gets_its_widget_and_saves_back_typed(client, folder):
    from drafter.serve.workspace import fingerprint
    from drafter.source import load_file

    (folder / "templates").mkdir()
    (folder / "templates" / "all.j2").write_text(ALL_TYPES_TEMPLATE, encoding="utf-8")
    path = folder / "all.yaml"
    path.write_text("template: all\nunit:\n  name: 某某局\nspeaker:\n  title: 局长\n", encoding="utf-8")
    page = client.get("/edit", params={"file": "all.yaml"}).text
    widgets = dict(re.findall(r'data-key="(\w+)" data-widget="(\w+)"', page))
    assert {k: widgets[k] for k in ("note", "story", "points", "steps", "due", "level", "count", "public")} == {
        "note": "text", "story": "textarea", "points": "list", "steps": "list", "due": "date",
        "level": "select", "count": "number", "public": "flag"}
    assert "<option>重要</option>" in page and '<option value="true">是</option>' in page
    data = report_data_of(path)
    data.update(note="注", level="重要", count=3, public=True, due="2024-05-01", points=["甲"],
                steps=[{"title": "第一步", "detail": "做\n再做"}], story=None)
    answer = preview(client, data, "all.yaml")
    assert answer["errors"] == [] and "注重要3公开2024年5月1日" in "".join(paragraphs_of(answer["pages"]))
    saved = client.post("/api/save", json={"file": "all.yaml", "data": data, "base": fingerprint(path.read_bytes())})
    assert saved.status_code == 200
    loaded = load_file(path).data
    assert loaded["count"] == 3 and loaded["public"] is True and str(loaded["due"]) == "2024-05-01"
    assert "due: 2024-05-01\n" in path.read_text(encoding="utf-8") and "story" not in loaded
    wrong = dict(data, count="三", level="特别")
    errors = {e["path"]: e["message"] for e in preview(client, wrong, "all.yaml")["errors"]}
    assert errors == {"count": "字段“count”（次数）应为整数（现在是“三”）", "level": "字段“level”（级别）只能是以下之一：一般、重要"}


def report_data_of(path: Path) -> dict:
    from drafter.serve.form import to_json
    from drafter.source import load_file

    return to_json(load_file(path).data)


def test_the_schema_the_form_comes_from_has_chinese_titles_and_the_unit_kinds(client):
    schema = json.loads(run_cli("schema", "quarterly-report").out)
    titles = []

    def walk(node):
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                titles.append((name, prop.get("title", "")))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert titles and [t for t in titles if t[1].isascii()] == []  # no “Short Name”
    assert schema["properties"]["unit"]["title"] == "本单位"
    assert schema["$defs"]["Unit"]["properties"]["short_name"]["title"] == "单位简称"
    assert schema["properties"]["period"]["title"] == "报告期"
    kinds = schema["$defs"]["Unit"]["properties"]["kind"]["anyOf"][0]["enum"]
    assert "学校" in kinds and "村" in kinds
    page = client.get("/edit", params={"file": REPORT}).text
    assert re.search(r'data-key="kind" data-widget="select">\s*<span class="title">单位类型</span>', page)
    assert "<option selected>学校</option>" in page
    assert '<span class="help">如：县机关事务局；不填则用全称</span>' in page  # the title is not repeated
