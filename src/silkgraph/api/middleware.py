"""ASGI middleware: trusted hosts, well-formed URLs, a request size limit, security headers."""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote_to_bytes

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI starts itself with an inline script; only its page may run one.
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


class BodyLimitMiddleware:
    """Refuse request bodies over ``max_bytes`` with 413, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await _too_large(send, self.max_bytes)
            return
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_bytes:
                await _too_large(send, self.max_bytes)
                return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _too_large(send: Send, limit: int) -> None:
    await _refuse(send, 413, f"request body over the limit of {limit} bytes")


async def _refuse(send: Send, status: int, detail: str) -> None:
    """Answer with ``{"detail": ...}`` before the application sees the request."""
    payload = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


class SecurityHeadersMiddleware:
    """Content-Security-Policy and friends: no foreign scripts, frames or sniffing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope.get("path") == "/docs" else CSP

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)  # type: ignore[arg-type]


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1), with or without []."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def allowed_host_names(configured: Iterable[str], bind: str) -> frozenset[str]:
    """Loopback names, the configured names, and the bind address unless it is a wildcard."""
    names = {*LOOPBACK_NAMES, *configured}
    if bind not in ("0.0.0.0", "::", ""):
        names.add(bind)
    return frozenset(n.strip("[]").rstrip(".").lower() for n in names if n)


def host_name(header: str) -> str | None:
    """The host of a Host header (``name``, ``name:port``, ``[v6]:port``), lowercased."""
    header = header.strip()
    if header.startswith("["):
        name, bracket, port = header[1:].partition("]")
        if not bracket or (port and not port.startswith(":")):
            return None
        port = port[1:]
    else:
        name, _, port = header.partition(":")
    if port and not (port.isascii() and port.isdigit()):
        return None
    return name.rstrip(".").lower() or None


class HostCheckMiddleware:
    """Refuse a request whose Host header names a host not served here (400).

    A DNS-rebinding page makes the browser send its own host name to this server; with the
    name not in the list, the page cannot read the corpus through the victim's browser.
    """

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        raw = Headers(scope=scope).get("host", "")
        if host_name(raw) in self.allowed:
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})  # policy violation
        else:
            shown = raw[:100].encode("ascii", "backslashreplace").decode()
            await _refuse(
                send, 400, f"host {shown!r} is not served here (start with --allowed-host NAME)"
            )


class CleanURLMiddleware:
    """Refuse a path or query string that is not valid UTF-8 or holds a NUL (422).

    Servers decode a percent-encoded lone surrogate (``%ED%A0%80``) or a stray byte into
    U+FFFD without a word; checking the raw bytes here turns that into a clear refusal, and
    keeps NUL away from the stores (PostgreSQL refuses it in text).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw_path = scope.get("raw_path") or scope.get("path", "").encode("utf-8", "surrogatepass")
        for part, raw in (("path", raw_path), ("query string", scope.get("query_string", b""))):
            problem = _url_problem(raw, plus_is_space=part == "query string")
            if problem:
                await _refuse(send, 422, f"the {part} {problem}")
                return
        await self.app(scope, receive, send)


def _url_problem(raw: bytes, *, plus_is_space: bool) -> str | None:
    """Why a raw path or query string cannot be read as text, or None when it can."""
    if plus_is_space:
        raw = raw.replace(b"+", b" ")
    try:
        text = unquote_to_bytes(raw).decode("utf-8")
    except UnicodeDecodeError as e:
        return (
            f"is not valid UTF-8 (byte 0x{e.object[e.start]:02x}; a lone surrogate or a stray byte)"
        )
    if "\x00" in text:
        return "contains a NUL character"
    return None
