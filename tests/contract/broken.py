"""A deliberately wrong server, to prove the contract run catches a broken reply."""

from __future__ import annotations

from starlette.types import ASGIApp


class RenameField:
    """A deliberately wrong server: renames one key in every JSON reply (pure ASGI)."""

    def __init__(self, app: ASGIApp, old: str, new: str) -> None:
        self.app = app
        self.old = f'"{old}":'.encode()
        self.new = f'"{new}":'.encode()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: dict = {}

        async def rename(message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)  # held back: the body length changes
                return
            if message["type"] == "http.response.body":
                body = message.get("body", b"").replace(self.old, self.new)
                headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
                headers.append((b"content-length", str(len(body)).encode()))
                await send({**start, "headers": headers})
                await send({**message, "body": body})
                return
            await send(message)

        await self.app(scope, receive, rename)
