"""Answer only requests addressed to this service by a name it knows: a Host allow-list, loopback by default, so a
web page that rebinds its own domain to 127.0.0.1 (DNS rebinding) reaches nothing."""

from __future__ import annotations

import json


def host_name(header: str) -> str:
    """The host name of a Host header, without its port: 'localhost:8000' -> 'localhost', '[::1]:80' -> '::1'."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class HostGuard:
    """ASGI middleware: a request whose Host is not on the list gets 400 with a problem document, and no handler
    runs."""

    def __init__(self, app, allowed: tuple[str, ...]) -> None:
        self.app = app
        self.allowed = frozenset(allowed)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        raw = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
        if host_name(raw) in self.allowed:
            await self.app(scope, receive, send)
            return
        body = json.dumps(
            {
                "type": "https://w3id.org/vn-cascade/problems/host-not-allowed",
                "title": "Host Not Allowed",
                "status": 400,
                "detail": f"this service answers {', '.join(sorted(self.allowed))}, not {raw or 'no Host'}"
                " (VN_CASCADE_ALLOWED_HOSTS sets the list)",
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 400,
                "headers": [
                    (b"content-type", b"application/problem+json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
