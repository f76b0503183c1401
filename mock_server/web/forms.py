"""Reading form-encoded bodies the way TikTok's OAuth endpoints do."""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request

from mock_server.kernel.errors import OAuthError
from mock_server.kernel.net import FORM_TYPE, media_type

MALFORMED = "The request parameters are malformed."


class Form:
    """A parsed form: the first value of each field, and every value when asked."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs
        self.first: dict[str, str] = {}
        for key, value in pairs:
            self.first.setdefault(key, value)

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.first.get(key, default)

    def all(self, key: str) -> list[str]:
        return [value for name, value in self.pairs if name == key]

    def require(self, key: str) -> str:
        """A required field; missing or empty gives TikTok's "... is missed in request."."""
        value = self.first.get(key, "")
        if not value:
            raise OAuthError("invalid_request", f"{key.replace('_', ' ').capitalize()} is missed in request.")
        return value


async def read_form(request: Request) -> Form:
    if media_type(request.headers.get("content-type")) != FORM_TYPE:
        raise OAuthError("invalid_request", f"{MALFORMED} The Content-Type must be {FORM_TYPE}.")
    body = await request.body()
    try:
        text = body.decode("utf-8")
        return Form(parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text)))
    except (UnicodeDecodeError, ValueError):
        raise OAuthError("invalid_request", MALFORMED) from None
