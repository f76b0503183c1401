"""What a newcomer finds by opening the mock's origin: `GET /` points at the dashboard,
the docs and the specs; `/_mock/docs` is the README; `/_mock/specs/...` serves the
published specs and workflows (for a generator, or from inside a container). None of
it shows the mock's state, so none of it needs the control token."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from mock_server import __version__, specs
from mock_server.web.control_plumbing import ControlJSON
from mock_server.web.pages import render

README = Path(__file__).resolve().parents[2] / "README.md"
LINKS = {
    "dashboard": "/_mock/",
    "docs": "/_mock/docs",
    "specs": "/_mock/specs",
    "control_spec": f"/_mock/specs/openapi/{specs.CONTROL_SPEC}",
    "health": "/_mock/health",
}


def _wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


async def home(request: Request) -> Response:
    """A browser gets a page of links; anything else the same links as JSON."""
    if _wants_html(request):
        return render(request, "home.html", {"version": __version__, "links": LINKS})
    return ControlJSON({"tiktok_mock": __version__, **LINKS})


def readme_text() -> str:
    """The README: the checkout's, or the one installed as the package's description."""
    if README.is_file():
        return README.read_text(encoding="utf-8")
    try:
        description = metadata.metadata("tiktok-mock").json.get("description", "")
    except metadata.PackageNotFoundError:
        return ""
    return description if isinstance(description, str) else ""


async def docs(request: Request) -> Response:
    return PlainTextResponse(readme_text() or "See https://pypi.org/project/tiktok-mock/ for the documentation.")


async def spec_list(request: Request) -> Response:
    return ControlJSON({"specs": [f"/_mock/specs/{name}" for name in specs.published()]})


async def spec_file(request: Request) -> Response:
    name = f"{request.path_params['folder']}/{request.path_params['name']}"
    path = specs.published().get(name)
    if path is None:
        known = ", ".join(specs.published())
        return ControlJSON({"error": f"no published file '{name}' (known: {known})", "field": "name"}, 404)
    media_type = "application/toml" if path.suffix == ".toml" else "application/yaml"
    return Response(path.read_bytes(), media_type=media_type)
