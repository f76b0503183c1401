"""The plumbing every /_mock/ endpoint shares: who may call it, JSON in and out,
and bad input as a 400 `{"error": "...", "field": "..."}` naming the field.

The control API answers only loopback clients, unless the server was started
with a control token; then it wants `Authorization: Bearer TOKEN` (or, for the
dashboard in a browser, `?control_token=TOKEN`) from everyone.
"""

from __future__ import annotations

import hmac
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from mock_server.kernel.errors import FixtureError
from mock_server.kernel.fault_specs import as_yaml_tree
from mock_server.kernel.inputs import InputError, json_document
from mock_server.kernel.net import FORM_TYPE, bearer_token, is_loopback_host, media_type
from mock_server.kernel.yaml_source import Fields
from mock_server.mock import Mock

SOURCE = "<request>"
Endpoint = Callable[[Request], Awaitable[Response]]


class ControlJSON(JSONResponse):
    """A control reply. It may echo what a client sent, lone surrogates (`"\\udaae"` in a YAML
    document) too, which UTF-8 cannot carry: then every non-ASCII character is escaped."""

    def render(self, content: Any) -> bytes:
        try:
            return super().render(content)
        except UnicodeEncodeError:
            return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


class ControlError(Exception):
    def __init__(self, message: str, field: str | None = None, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


def mock_of(request: Request) -> Mock:
    return request.app.state.mock


def is_form(request: Request) -> bool:
    return media_type(request.headers.get("content-type")) == FORM_TYPE


async def body_of(request: Request) -> dict[str, Any]:
    """The JSON object sent (or the dashboard's form); an empty body is `{}`, while blanks
    alone are not a JSON document (400, as any other text that is not JSON)."""
    raw = await request.body()
    if is_form(request):
        return dict(parse_qsl(raw.decode("utf-8", "replace")))
    if not raw:
        return {}
    try:
        value = json_document(raw, mock_of(request).settings.limits.max_json_depth)
    except InputError as exc:
        raise ControlError(str(exc)) from None
    if not isinstance(value, dict):
        raise ControlError("the body must be a JSON object")
    return value


def fields_of(value: dict[str, Any]) -> Fields:
    """Read control input with the fixture loader's checks (same messages as for a fixture file)."""
    return Fields(as_yaml_tree(value), SOURCE, "")


_LABELLED = re.compile(r"^(?P<label>[\w.\[\]-]*): (?P<problem>.*)$", re.DOTALL)
_MISSING = re.compile(r"missing required field '(?P<key>[^']+)'")


def fixture_error_body(exc: FixtureError) -> dict[str, Any]:
    """`{"error", "field"}` from the loader's `where.key: problem` message."""
    field, problem = None, exc.problem
    labelled = _LABELLED.match(problem)
    if labelled:
        field, problem = labelled["label"].lstrip("."), labelled["problem"]
    missing = _MISSING.search(problem)
    if missing:
        field = f"{field}.{missing['key']}" if field else missing["key"]
    body: dict[str, Any] = {"error": f"{field}: {problem}" if field else problem, "field": field}
    if exc.file != SOURCE:
        body["error"] = str(exc)
    if exc.line:
        body["line"] = exc.line
    return body


def text_param(request: Request, name: str) -> str | None:
    value = request.query_params.get(name)
    return value or None


def refusal(request: Request) -> Response | None:
    token = request.app.state.control_token
    if token is not None:
        given = bearer_token(request.headers.get("authorization")) or request.query_params.get("control_token", "")
        if given and hmac.compare_digest(given.encode(), token.encode()):
            return None
        message = "the control API needs 'Authorization: Bearer <control token>' (the server's --control-token)"
        return ControlJSON({"error": message, "field": "authorization"}, status_code=401)
    host = request.client.host if request.client else ""
    if is_loopback_host(host):
        return None
    message = (
        f"the control API answers only loopback clients (this one is {host or 'unknown'}); "
        "start the server with --control-token TOKEN (or the environment variable TIKTOK_MOCK_CONTROL_TOKEN, "
        "as in Docker) to allow others"
    )
    return ControlJSON({"error": message, "field": None}, status_code=403)


def dashboard_url(request: Request) -> str:
    token = request.query_params.get("control_token")
    return "/_mock/" + (f"?{urlencode({'control_token': token})}" if token else "")


def control_route(path: str, endpoint: Endpoint, methods: list[str]) -> Route:
    """A /_mock/ route: guarded, JSON errors, and a form POST (the dashboard) redirected back to the page."""

    async def guarded(request: Request) -> Response:
        refused = refusal(request)
        if refused is not None:
            return refused
        try:
            response = await endpoint(request)
        except ControlError as exc:
            return ControlJSON({"error": exc.message, "field": exc.field}, status_code=exc.status)
        except FixtureError as exc:
            return ControlJSON(fixture_error_body(exc), status_code=400)
        if request.method == "POST" and is_form(request) and response.status_code < 400:
            return RedirectResponse(dashboard_url(request), status_code=303)
        return response

    return Route(path, guarded, methods=methods, name=endpoint.__name__)
