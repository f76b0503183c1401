"""A fault's answer on the wire, in the envelope of the request's path
(`mock_server.families.ENVELOPES` maps paths to envelopes). Each family renders
its own envelopes' errors; this module only picks the renderer."""

from __future__ import annotations

import json
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from mock_server.families.login_kit import routes as login_kit
from mock_server.families.shop import routes as shop
from mock_server.kernel.faults import Respond
from mock_server.web.envelopes import v2_error

Renderer = Callable[[Request, str, Respond, "str | None"], Response]


def _v2(request: Request, envelope: str, respond: Respond, client_key: str | None) -> Response:
    assert isinstance(respond.error, str)
    return v2_error(request, respond.error, respond.message, respond.status)


RENDERERS: dict[str, Renderer] = {
    "oauth": login_kit.fault_response,
    "authorize": login_kit.fault_response,
    "v2": _v2,
    "shop": shop.fault_response,
}


def fault_response(request: Request, envelope: str, respond: Respond, client_key: str | None) -> Response:
    if respond.error is not None:
        response = RENDERERS[envelope](request, envelope, respond, client_key)
    else:
        response = raw_response(respond)
    for name, value in respond.headers:
        response.headers[name] = value
    return response


def raw_response(respond: Respond) -> Response:
    status = respond.status or 200
    if isinstance(respond.body, dict | list):
        return JSONResponse(respond.body, status_code=status)
    if respond.body is None:
        return Response(b"", status_code=status)
    text = respond.body if isinstance(respond.body, str) else json.dumps(respond.body)
    return Response(text, status_code=status, media_type="text/plain")
