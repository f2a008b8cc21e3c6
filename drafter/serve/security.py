"""What keeps other web pages away from the local server (as Jupyter does it).

A server on 127.0.0.1 that writes files can be reached by every page the user's browser
opens. So every request must carry the random token of the printed address (in the
query, then in a cookie the first request sets), its `Host` must be the address the
server was started on (a rebound DNS name is refused) and its `Origin`, when the browser
sends one, the same (a cross-site form post is refused). Request bodies are limited.
"""

from __future__ import annotations

import ipaddress
import secrets
from http.cookies import CookieError, SimpleCookie
from typing import Any, Awaitable, Callable
from urllib.parse import parse_qsl, urlencode

COOKIE = "drafter_token"  # + the port: browsers share cookies between the ports of a host
MAX_BODY = 2 * 1024 * 1024  # a filled-in input is some kilobytes; 2 MB is plenty

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]


def new_token() -> str:
    return secrets.token_urlsafe(24)


WILDCARDS = ("0.0.0.0", "::")
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def host_allowed(header: str, host: str, port: int) -> bool:
    """Whether a request's `Host` names this server: the address it listens on (any
    loopback name for a loopback address; for 0.0.0.0 or ::, any IP address, since a
    DNS rebinding attack needs a domain name), always with the served port."""
    name, _, given_port = header.rpartition(":")
    if given_port != str(port):
        return False
    name = name[1:-1] if name.startswith("[") and name.endswith("]") else name
    if name == host or (host in LOOPBACK and name in LOOPBACK):
        return True
    return host in WILDCARDS and _is_ip(name)


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class Guard:
    """ASGI middleware: token, Host, Origin and body size, checked before any route runs."""

    def __init__(self, app: Any, token: str, host: str, port: int, max_body: int = MAX_BODY):
        self.app = app
        self.token = token
        self.host = host
        self.port = port
        self.max_body = max_body
        self.cookie = f"{COOKIE}_{port}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope["headers"]}
        if not host_allowed(headers.get("host", ""), self.host, self.port):
            await _refuse(send, 403, "拒绝访问：请求的地址不是本服务的地址（为防止 DNS 重绑定攻击）。"
                                     "请用 drafter serve 打印的地址打开。")
            return
        origin = headers.get("origin")
        if origin is not None and origin != "http://" + headers["host"]:  # same origin only
            await _refuse(send, 403, "拒绝访问：请求来自其他网站。")
            return
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = dict(query).get("token")
        from_query = given is not None and secrets.compare_digest(given, self.token)
        if not from_query and not secrets.compare_digest(_cookie(headers, self.cookie), self.token):
            await _refuse(send, 403, "拒绝访问：缺少访问令牌。请用 drafter serve 启动时打印的完整地址"
                                     "（含 ?token=…）打开本页面。")
            return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _refuse(send, 413, f"提交的内容过大（上限 {self.max_body // 1024 // 1024} MB）。")
            return
        if from_query and scope["method"] == "GET":
            # Keep the token out of the address bar and history: set the cookie, drop it from the URL.
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            await _redirect(send, scope["path"] + ("?" + rest if rest else ""), f"{self.cookie}={self.token}")
            return
        await self.app(scope, _limited(receive, self.max_body), send)


def _cookie(headers: dict[str, str], name: str) -> str:
    jar = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except CookieError:  # a malformed cookie header is simply no token
        return ""
    morsel = jar.get(name)
    return morsel.value if morsel is not None else ""


def _limited(receive: Receive, limit: int) -> Receive:
    """A body sent without Content-Length (chunked) is cut off at the limit too."""
    seen = 0

    async def wrapped() -> dict:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge()
        return message

    return wrapped


class BodyTooLarge(Exception):
    """Raised inside a route that reads more than the limit; the app answers 413."""


async def _refuse(send: Send, status: int, message: str) -> None:
    body = message.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _redirect(send: Send, location: str, cookie_value: str) -> None:
    cookie = f"{cookie_value}; Path=/; HttpOnly; SameSite=Strict"
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", location.encode("latin-1", "replace")),
                            (b"set-cookie", cookie.encode()), (b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})
