"""`drafter serve` end to end in a real browser: Debian's chromium, headless, driven by
Playwright for Python (never `playwright install`: the browser is the system's).

Set DRAFTER_SCREENSHOT=docs/serve.png to also write the screenshot the README shows.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, run_cli

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TOKEN = "browser-test-token"
REPORT = "school-quarterly-report.yaml"
WAIT_MS = 10_000


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The school's quarterly report without its achievements, so that the report's
    general wording (which names the speaker's post) is used."""
    folder = tmp_path / "workspace"
    if os.environ.get("DRAFTER_SCREENSHOT"):  # the picture in the docs shows a folder a user might have
        folder = Path(tempfile.gettempdir()) / "文稿" / "2023年三季度"
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    text = (EXAMPLES / REPORT).read_text(encoding="utf-8")
    text = re.sub(r"\nachievements:.*?\n\n", "\n", text, flags=re.S)
    (folder / REPORT).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def served(workspace: Path):
    import uvicorn

    from drafter.serve.app import create_app

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(workspace, TOKEN, "127.0.0.1", port),
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    listener.close()


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).is_file(), "the browser tests need Debian's chromium: apt-get install chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
        browser.close()
        assert errors == []  # no script error on the page


def field(page, path: str):
    return page.locator(f'[data-path="{path}"]')


def preview_paragraphs(page) -> list[str]:
    """The preview's paragraphs, each joined from its lines as the page shows them."""
    return page.evaluate("""() => {
        const found = new Map();
        for (const line of document.querySelectorAll('#pages .ln[data-para]')) {
            const n = Number(line.dataset.para);
            found.set(n, (found.get(n) || '') + line.textContent.replace(/\\u00a0/g, ''));
        }
        return [...found.keys()].sort((a, b) => a - b).map((n) => found.get(n));
    }""")


def test_fill_in_preview_and_save_in_the_browser(served, workspace, browser_page, tmp_path):
    from playwright.sync_api import expect

    page = browser_page
    page.goto(f"{served}/?token={TOKEN}")
    expect(page.locator("h1")).to_have_text("输入文件")
    page.get_by_role("link", name=REPORT).click()
    pages = page.locator("#pages")
    expect(pages).to_contain_text("县一中关于2023年第三季度", timeout=WAIT_MS)
    expect(pages).to_contain_text("成立由党委书记任组长")

    # the unit's name: in the title (short name) and the signature (full name)
    field(page, "unit.short_name").locator("input").fill("县二中")
    field(page, "unit.name").locator("input").fill("清河县第二中学")
    expect(pages).to_contain_text("县二中关于2023年第三季度", timeout=WAIT_MS)
    expect(pages.locator(".ln.signature").first).to_have_text("清河县第二中学", timeout=WAIT_MS)

    # the speaker
    field(page, "speaker.title").locator("input").fill("党委副书记、校长")
    expect(pages).to_contain_text("成立由党委副书记、校长任组长", timeout=WAIT_MS)

    # a new item in a list
    problems = field(page, "problems")
    problems.locator("button.add").click()
    problems.locator(".row").last.locator("input").fill("学生社团活动的引导还不够有力")
    expect(pages).to_contain_text("四是学生社团活动的引导还不够有力", timeout=WAIT_MS)

    # a required field cleared: the command line's message, at the field
    title = field(page, "speaker.title")
    title.locator("input").fill("")
    expect(title.locator(".error")).to_have_text("字段“speaker.title”（讲话人职务）没有填写（应为文字）", timeout=WAIT_MS)
    expect(page.locator("#status")).to_contain_text("需要修改")
    title.locator("input").fill("党委副书记、校长")
    expect(title.locator(".error")).to_have_text("", timeout=WAIT_MS)
    expect(page.locator("#status")).to_have_text("预览已更新", timeout=WAIT_MS)
    expect(page.locator(".dirty")).to_be_visible()

    page.locator("#save").click()
    expect(page.locator("#notice")).to_have_text(f"已保存：{REPORT}", timeout=WAIT_MS)
    expect(page.locator(".dirty")).to_be_hidden()
    shown = preview_paragraphs(page)

    page.evaluate("() => { document.getElementById('form').scrollTop = 0; window.scrollTo(0, 0); }")
    page.screenshot(path=str(tmp_path / "serve.png"))
    target = os.environ.get("DRAFTER_SCREENSHOT")
    if target:
        shutil.copy(tmp_path / "serve.png", ROOT / target)

    saved = (workspace / REPORT).read_text(encoding="utf-8")
    assert re.search(r"^  name: 清河县第二中学 +# 单位全称：用在落款$", saved, re.M)
    assert "  - 学生社团活动的引导还不够有力\n" in saved
    rendered = run_cli("render", str(workspace / REPORT), "-f", "text")
    assert rendered.code == 0, rendered.err
    lines = [line.lstrip("\u3000") for line in rendered.out.splitlines() if line.strip()]
    assert shown == lines


def test_findings_point_at_their_paragraph_and_unsaved_changes_are_guarded(served, browser_page):
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import expect

    page = browser_page
    page.goto(f"{served}/edit?file={REPORT}&token={TOKEN}")
    expect(page.locator("#pages")).to_contain_text("县一中关于", timeout=WAIT_MS)
    # rows move: the second problem becomes the first
    problems = field(page, "problems")
    second = problems.locator(".row").nth(1).locator("input").input_value()
    problems.locator(".row").nth(1).locator("button.up").click()
    expect(page.locator("#pages")).to_contain_text("一是" + second[:10], timeout=WAIT_MS)  # lines may break after
    problems.locator(".row").nth(0).locator("button.remove").click()
    expect(page.locator("#pages")).not_to_contain_text(second[:10], timeout=WAIT_MS)

    field(page, "causes").locator("textarea").fill("分析原因，主要是我局对教师培训的针对性不够。")
    finding = page.locator(".finding", has_text="我局")
    expect(finding).to_be_visible(timeout=WAIT_MS)
    finding.click()
    marked = page.locator(".ln.marked")
    expect(marked.first).to_contain_text("我局")
    # leaving with unsaved changes: the browser asks first, and staying keeps the page
    assert page.evaluate("() => dirty") is True
    asked: list[str] = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    with pytest.raises(PlaywrightError):
        page.goto("about:blank", timeout=WAIT_MS)
    assert asked == ["beforeunload"]
    assert "/edit" in page.url


def test_a_new_input_from_the_workspace_page(served, workspace, browser_page):
    from playwright.sync_api import expect

    page = browser_page
    page.goto(f"{served}/?token={TOKEN}")
    page.get_by_label("文件名").fill("三季度报告")
    page.get_by_label("模板").select_option("quarterly-report")
    page.get_by_role("button", name="新建并打开").click()
    expect(page.locator(".bar .file")).to_contain_text("三季度报告.yaml", timeout=WAIT_MS)
    expect(page.locator("#pages")).to_contain_text("县某某局关于", timeout=WAIT_MS)
    assert (workspace / "三季度报告.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server")
    page.goto(f"{served}/")
    page.get_by_label("文件名").fill("三季度报告")
    page.get_by_role("button", name="新建并打开").click()
    expect(page.locator("#new-input .message")).to_contain_text("已经存在", timeout=WAIT_MS)


def test_another_template_for_the_same_input(served, workspace, browser_page):
    """Choosing another template: the browser asks (naming the fields that leave the file),
    cancelling keeps everything, accepting saves and reloads the page with the new form."""
    from playwright.sync_api import expect

    page = browser_page
    page.goto(f"{served}/edit?file={REPORT}&token={TOKEN}")
    expect(page.locator("#pages")).to_contain_text("县一中关于", timeout=WAIT_MS)
    before = (workspace / REPORT).read_text(encoding="utf-8")
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.locator("#template-choice").select_option("ideology-three-duties")
    expect(page.locator("#template-choice")).to_have_value("quarterly-report", timeout=WAIT_MS)
    assert asked[0].endswith("它们会从文件中删除：recipient、problems、causes、plans")
    assert (workspace / REPORT).read_text(encoding="utf-8") == before
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#template-choice").select_option("ideology-three-duties")
    expect(page.locator("#template-choice")).to_have_value("ideology-three-duties", timeout=WAIT_MS)
    expect(page.locator('[data-path="problems"]')).to_have_count(0)
    expect(page.locator("#pages")).to_contain_text("在意识形态工作会议上的讲话", timeout=WAIT_MS)
    assert "template: ideology-three-duties" in (workspace / REPORT).read_text(encoding="utf-8")


def test_saving_an_init_file_changes_only_the_edited_line(served, workspace, browser_page):
    """A `drafter init` file: the lists of its common fields are indented, the template's
    own are not, and its empty fields are bare keys; saving one edit changes one line."""
    from playwright.sync_api import expect

    init = run_cli("init", "ideology-four-grips")
    text = re.sub(r"(\ntasks:[^\n]*\n)(  .*\n)+", r"\1", init.out)  # an empty list: the page sends []
    assert "\ntasks:      " in text and "\n# ———— 以下是本模板特有的字段" in text
    (workspace / "讲话.yaml").write_text(text, encoding="utf-8")
    page = browser_page
    page.goto(f"{served}/edit?file=讲话.yaml&token={TOKEN}")
    expect(page.locator("#pages")).to_contain_text("党组书记在意识形态工作会议上的讲话", timeout=WAIT_MS)
    field(page, "unit.name").locator("input").fill("清河县统计局")  # the speech names the unit by 我局
    expect(page.locator(".dirty")).to_be_visible(timeout=WAIT_MS)
    page.locator("#save").click()
    expect(page.locator("#notice")).to_have_text("已保存：讲话.yaml", timeout=WAIT_MS)
    before, after = text.splitlines(), (workspace / "讲话.yaml").read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before)
    unit_line = next(line for line in before if line.startswith("  name: 某某县某某局 "))
    assert [(old, new) for old, new in zip(before, after) if old != new] == [
        (unit_line, unit_line.replace("某某县某某局", "清河县统计局"))]
