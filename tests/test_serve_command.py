"""The `drafter serve` verb: its address with the token, its mistakes in Chinese, Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys

from conftest import EXAMPLES, run_cli


def test_a_missing_folder_is_a_usage_error(tmp_path):
    result = run_cli("serve", str(tmp_path / "nowhere"), "--no-browser")
    assert result.code == 2
    assert result.err == f"错误：文件夹不存在：{tmp_path / 'nowhere'}\n"


def test_a_taken_port_is_named_and_another_address_is_warned_about(tmp_path):
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", str(tmp_path), "--no-browser", "--host", "0.0.0.0", "--port", str(port))
    assert result.code == 2
    assert result.err.startswith("警告：正在监听 0.0.0.0，同一网络里的其他电脑也能访问本服务")
    assert f"无法在 0.0.0.0 的端口 {port} 上启动" in result.err and "Traceback" not in result.err


def test_without_the_web_components_it_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if it were not installed
    result = run_cli("serve", str(tmp_path), "--no-browser")
    assert result.code == 1
    assert "pip install starlette uvicorn ruamel.yaml" in result.err


def test_it_prints_the_address_with_its_token_and_stops_cleanly_on_ctrl_c(tmp_path):
    import httpx

    (tmp_path / "a.yaml").write_text((EXAMPLES / "school-quarterly-report.yaml").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "drafter", "serve", str(tmp_path), "--no-browser"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                               encoding="utf-8")
    try:
        lines = [process.stderr.readline() for _ in range(3)]
        assert lines[0] == f"drafter serve 已启动，工作文件夹：{tmp_path.resolve()}\n"
        address = re.fullmatch(r"请在浏览器中打开：(http://127\.0\.0\.1:\d+/\?token=[\w-]{32})\n", lines[1])
        assert address, lines
        assert lines[2] == "按 Ctrl-C 停止。\n"
        url = address.group(1)
        with httpx.Client(follow_redirects=True, timeout=10) as client:
            assert client.get(url.split("?")[0]).status_code == 403
            page = client.get(url)
            assert page.status_code == 200 and "a.yaml" in page.text
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0
    assert err == "drafter serve 已停止。\n"


def test_a_file_instead_of_a_folder_is_named(tmp_path):
    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    result = run_cli("serve", str(tmp_path / "a.yaml"), "--no-browser")
    assert result.code == 2
    assert "是一个文件，不是文件夹" in result.err
