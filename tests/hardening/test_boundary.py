"""The guarded boundary: every bad request is a 4xx in its family's own envelope, and the
requests after it are answered as before."""

from __future__ import annotations

import socket

import httpx
import pytest

from mock_server.app import create_app
from mock_server.fixtures import bundled_fixture_path, load_fixture_text
from tests.conftest import LiveServer
from tests.display.helpers import FULL, bearer
from tests.shop.conftest import ShopClient

FORM = {"content-type": "application/x-www-form-urlencoded"}

DIGITS_5000 = "9" * 5000


def still_serving(client) -> None:
    reply = client.get("/v2/user/info/", params={"fields": "open_id"}, headers=bearer(FULL))
    assert reply.status_code == 200


def test_a_body_over_the_limit_is_413_in_the_v2_envelope(client):
    reply = client.post(
        "/v2/video/list/", params={"fields": "id"}, headers=bearer(FULL), content=b"{" + b" " * (1024 * 1024) + b"}"
    )

    assert reply.status_code == 413
    assert reply.json()["error"]["code"] == "invalid_params" and "limit" in reply.json()["error"]["message"]
    still_serving(client)


def test_a_streamed_body_is_counted_and_refused_once_it_passes_the_limit(client):
    def chunks():
        for _ in range(40):
            yield b"x" * 65536  # 2.5 MiB, no Content-Length: chunked

    reply = client.post(
        "/v2/oauth/token/", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"}
    )

    assert reply.status_code == 413 and reply.json()["error"] == "invalid_request"
    still_serving(client)


def test_a_control_body_over_the_limit_is_413_in_the_control_shape(client):
    reply = client.post("/_mock/faults", content=b"[" * (2 * 1024 * 1024))

    assert reply.status_code == 413 and set(reply.json()) == {"error", "field"}


def test_a_shop_body_over_the_limit_is_413_in_the_shop_envelope(client):
    reply = client.post("/order/202309/orders/search", content=b"0" * (1024 * 1024 + 1))

    assert reply.status_code == 413 and reply.json()["code"] == 36009004


def test_a_malformed_content_length_is_400(client):
    reply = client.post("/v2/video/list/", headers={**bearer(FULL), "content-length": "12x"}, content=b"{}")

    assert reply.status_code == 400


@pytest.mark.parametrize(
    "body",
    [
        b'{"max_count": NaN}',
        b'{"max_count": Infinity}',
        b'{"cursor": 1e400}',
        b'{"cursor": ' + DIGITS_5000.encode() + b"}",
        b'{"a":' * 1000 + b"1" + b"}" * 1000,
        b'{"a":' * 40 + b"1" + b"}" * 40,
        b"\xff\xfe{}",
    ],
    ids=["nan", "infinity", "overflow", "5000-digits", "1000-deep", "40-deep", "not-utf8"],
)
def test_json_the_mock_cannot_take_is_invalid_params(client, body):
    reply = client.post("/v2/video/list/", params={"fields": "id"}, headers=bearer(FULL), content=body)

    assert reply.status_code == 400 and reply.json()["error"]["code"] == "invalid_params"
    still_serving(client)


def test_deep_json_to_the_control_api_is_a_400(client):
    reply = client.post("/_mock/faults", content=b'{"match":' * 1000 + b"{}" + b"}" * 1000)

    assert reply.status_code == 400 and "nested deeper" in reply.json()["error"]


@pytest.mark.parametrize("x_expires", [DIGITS_5000, "-1", "１２", ""])
def test_a_cover_link_with_a_wild_x_expires_is_403(client, x_expires):
    reply = client.get(
        f"/tos-alisg-p-0037/{'a' * 32}~tplv-noop.image", params={"x-expires": x_expires, "x-signature": "x"}
    )

    assert reply.status_code == 403


def test_a_shop_timestamp_of_5000_digits_is_refused_in_the_shop_envelope(client):
    reply = ShopClient(client).get("/seller/202309/shops", cipher=None, timestamp=DIGITS_5000)

    assert reply.status_code == 401 and reply.json()["code"] == 36009004


def test_a_shop_page_size_of_5000_digits_is_invalid(client):
    reply = ShopClient(client).get(
        "/finance/202309/statements", params={"sort_field": "statement_time", "page_size": DIGITS_5000}
    )

    assert reply.status_code == 400 and reply.json()["code"] == 36009004


def test_an_oversized_header_value_is_kept_cut_in_the_journal(client):
    client.get("/v2/user/info/", params={"fields": "open_id"}, headers={**bearer(FULL), "x-big": "y" * 100_000})

    [entry] = client.get("/_mock/requests").json()["requests"]
    assert len(entry["headers"]["x-big"]) < 9000 and entry["headers"]["x-big"].endswith("...(cut)")


def test_a_half_sent_body_gets_408_after_the_read_timeout_and_the_server_goes_on(clock):
    text = (
        bundled_fixture_path()
        .read_text(encoding="utf-8")
        .replace("seed: 42", "seed: 42\nsettings:\n  limits: {read_timeout: 0.3}", 1)
    )
    server = LiveServer(create_app(load_fixture_text(text, "slow.yaml"), clock=clock)).start()
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
            head = "POST /v2/oauth/token/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n"
            sock.sendall(f"{head}Content-Type: application/x-www-form-urlencoded\r\n\r\nclient_key=".encode())
            answer = sock.recv(65536).decode("latin-1")
        assert answer.startswith("HTTP/1.1 408") and "invalid_request" in answer
        assert httpx.get(f"{server.origin}/_mock/health").status_code == 200
    finally:
        server.stop()
