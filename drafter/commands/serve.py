"""`drafter serve [FOLDER]`: fill in, preview and save inputs in the browser (drafter/serve/)."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Any

import click

from ..errors import DrafterError, UsageError
from .common import ZhCommand, reports_errors

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@click.command(cls=ZhCommand)
@click.argument("folder", metavar="[文件夹]", required=False, default=".", type=click.Path(path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=0, metavar="端口",
              help="端口号（默认自动选一个空闲的端口）。")
@click.option("--host", default="127.0.0.1", metavar="地址",
              help="监听的地址（默认 127.0.0.1，只有本机能访问；改成其他地址会让网络上的其他电脑也能访问）。")
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器。")
@reports_errors
def serve(folder: Path, port: int, host: str, no_browser: bool) -> None:
    """在浏览器里填写、预览、保存：打开本机网页。

    \b
    文件夹（默认当前文件夹）里的 YAML 输入文件和 templates/ 里的模板都会列出来。
    启动后打印带访问令牌的地址，用浏览器打开即可；按 Ctrl-C 停止。
    """
    server_module = _web_modules()
    if not folder.exists():
        raise UsageError(f"文件夹不存在：{folder}")
    if not folder.is_dir():
        raise UsageError(f"{folder} 是一个文件，不是文件夹：请给出输入文件所在的文件夹")
    if host not in LOCAL_HOSTS:
        click.echo(f"警告：正在监听 {host}，同一网络里的其他电脑也能访问本服务（仍然需要访问令牌）。"
                   "只在本机使用时请去掉 --host。", err=True)
    listener = _listen(host, port)
    port = listener.getsockname()[1]
    from ..serve.app import create_app
    from ..serve.security import WILDCARDS, new_token

    token = new_token()
    url_host = "127.0.0.1" if host in WILDCARDS else f"[{host}]" if ":" in host else host
    url = f"http://{url_host}:{port}/?token={token}"
    app = create_app(folder, token, host, port)
    config = server_module.Config(app, log_level="warning", access_log=False, lifespan="off",
                                  timeout_graceful_shutdown=2)
    server = server_module.Server(config)
    click.echo(f"drafter serve 已启动，工作文件夹：{folder.resolve()}", err=True)
    click.echo(f"请在浏览器中打开：{url}", err=True)
    click.echo("按 Ctrl-C 停止。", err=True)
    if not no_browser:
        threading.Thread(target=_open_browser, args=(server, url), daemon=True).start()
    try:
        server.run(sockets=[listener])
    except KeyboardInterrupt:
        pass  # uvicorn has shut down; it passes the Ctrl-C on once it is done
    finally:
        listener.close()
    click.echo("drafter serve 已停止。", err=True)


def _web_modules() -> Any:
    try:
        import starlette  # noqa: F401
        import uvicorn
    except ImportError:
        raise DrafterError("缺少网页功能需要的组件（starlette、uvicorn）。请在 drafter 所在的环境里运行："
                           "pip install starlette uvicorn ruamel.yaml") from None
    return uvicorn


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket: bound here, so a taken port is reported before anything starts
    and port 0 gives a free one with no race."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(64)
    except OSError as exc:
        listener.close()
        if port:
            raise UsageError(f"无法在 {host} 的端口 {port} 上启动（{exc.strerror}）：端口可能已被占用，"
                             "请换一个端口，或不写 --port 自动选择") from None
        raise UsageError(f"无法在地址 {host} 上启动（{exc.strerror}）") from None
    return listener


def _open_browser(server: Any, url: str) -> None:
    import webbrowser

    for _ in range(100):  # up to 10 s for the server to start
        if server.started:
            webbrowser.open(url)
            return
        time.sleep(0.1)
