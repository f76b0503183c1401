"""What `tiktok-mock` prints on start: where to point a client (the URL this machine, or a
container's host, uses), the dashboard and docs, every app and the demo tokens."""

from __future__ import annotations

from urllib.parse import quote

from mock_server import __version__
from mock_server.fixtures import Fixture

ANY_INTERFACE = {"0.0.0.0", "::", ""}

CONTROL_OFF_WARNING = (
    "warning: serving on {host}, but the control API (/_mock/) is off for every client that is not on "
    "this machine (loopback); start with --control-token TOKEN (or set TIKTOK_MOCK_CONTROL_TOKEN) "
    "to open it to them with a bearer token"
)


def origin_for(host: str, port: int, public_url: str | None = None) -> str:
    """The URL a client uses: `public_url` when given; for every interface (`0.0.0.0`, as in a
    container), this machine's loopback address, which `docker run -p PORT:PORT` forwards."""
    if public_url:
        return public_url.rstrip("/")
    if host in ANY_INTERFACE:
        host = "127.0.0.1" if host != "::" else "::1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def banner(fixture: Fixture, origin: str, listening: str, control_token: str | None = None) -> str:
    dashboard = f"{origin}/_mock/" + (f"?control_token={quote(control_token)}" if control_token else "")
    lines = [
        f"tiktok-mock {__version__} serving {fixture.source}",
        f"  origin: {origin}" + ("" if origin.endswith(listening) else f"  (listening on {listening})"),
        f"  dashboard: {dashboard}",
        f"  docs: {origin}/_mock/docs   specs: {origin}/_mock/specs (or `tiktok-mock specs`)",
        "  apps:",
    ]
    for app in fixture.login_kit.apps:
        lines.append(
            f"    {app.client_key} (secret {app.client_secret}, {app.platform}) -> " + ", ".join(app.redirect_uris)
        )
    if fixture.login_kit.tokens:
        lines.append("  demo tokens:")
        for token in fixture.login_kit.tokens:
            lines.append(f"    {token.access_token}  {token.username}@{token.client_key}  [{','.join(token.scopes)}]")
        example = fixture.login_kit.tokens[0].access_token
        lines.append(
            f"  try: curl -H 'Authorization: Bearer {example}' '{origin}/v2/user/info/?fields=open_id,display_name'"
        )
    return "\n".join(lines + _shop_banner(fixture))


def _shop_banner(fixture: Fixture) -> list[str]:
    shop = fixture.shop
    if not shop.apps and not shop.sellers:
        return []
    lines = ["  shop apps:"]
    lines += [f"    {app.app_key} (secret {app.app_secret}) -> {app.redirect_uri}" for app in shop.apps]
    for seller in shop.sellers:
        ciphers = ", ".join(f"{s.name} {s.cipher}" for s in seller.shops)
        lines.append(f"  seller {seller.name}: {ciphers}")
    if shop.tokens:
        lines.append("  shop tokens (x-tts-access-token):")
        lines += [f"    {t.access_token}  {t.seller}@{t.app_key}" for t in shop.tokens]
    return lines
