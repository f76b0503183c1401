"""Errors named in TikTok's own terms, one class per envelope. Families raise
them with the codes of their own error table; the HTTP layer
(`mock_server.web.envelopes`) alone decides how each looks on the wire."""

from __future__ import annotations


class OAuthError(Exception):
    """A Login Kit OAuth error: `{"error", "error_description", "log_id"}`."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description


class ApiError(Exception):
    """A v2 API error: `{"error": {"code", "message", "log_id"}}`; `code` is TikTok's.
    A message or status left out is the error table's for that code."""

    def __init__(self, code: str, message: str | None = None, status: int | None = None) -> None:
        self.code = code
        self.message = message
        self.status = status
        super().__init__(f"{code}: {message or code}")


class ShopError(Exception):
    """A TikTok Shop error: `{"code": <int>, "message", "request_id", "data": null}`."""

    def __init__(self, code: int, message: str, http_status: int = 200) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.http_status = http_status


class FixtureError(Exception):
    """A wrong fixture file: rendered as one line, `FILE:LINE: what is wrong`."""

    def __init__(self, file: str, line: int | None, problem: str) -> None:
        self.file = file
        self.line = line
        self.problem = problem
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {problem}")
