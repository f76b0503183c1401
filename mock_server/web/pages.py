"""Server-rendered HTML pages (consent, errors, dashboard): Jinja2 with autoescape,
so anything a client puts in a URL is shown, never run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

_environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    html = _environment.get_template(name).render(request=request, **context)
    return HTMLResponse(html, status_code=status_code, headers={"Cache-Control": "no-store"})


def error_page(request: Request, message: str, status_code: int = 400) -> HTMLResponse:
    """The authorize pages' error: what cannot be sent back to the app's redirect URI."""
    return render(request, "error.html", {"message": message}, status_code=status_code)
