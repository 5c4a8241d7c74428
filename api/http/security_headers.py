"""Headers every answer carries: a Content-Security-Policy that lets pages load only this service's own files (and
the view scripts inlined by hash), no MIME sniffing, framing only by this service's pages, no referrer."""

from __future__ import annotations

from visualizations.page import inline_script_hashes


def content_security_policy() -> str:
    """One policy for every page: nothing from elsewhere; inline styles allowed (ReDoc and vis-network set them)."""
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {' '.join(inline_script_hashes())}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "worker-src 'self' blob:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'self'",
        ]
    )


class SecurityHeaders:
    """ASGI middleware: add the headers to every HTTP answer (problem answers included)."""

    def __init__(self, app) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", content_security_policy().encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"SAMEORIGIN"),
            (b"referrer-policy", b"no-referrer"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in self.headers if h[0] not in present)]
            await send(message)

        await self.app(scope, receive, sending)
