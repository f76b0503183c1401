"""`MockControl`: a small client for a running mock's /_mock/ control API.

Talks HTTP only (no server internals), so it drives a mock in another process,
a container or the pytest plugin's server alike:

    mock = MockControl("http://127.0.0.1:8000")
    mock.fault(path="/v2/video/list/", error="rate_limit_exceeded", times=1)
    mock.advance("25h")
    [entry] = mock.requests(path="/v2/video/list/")

Content Posting: `sample_mp4()` makes a small valid MP4 to upload, `upload(url, data)`
PUTs it in chunks as TikTok's media transfer guide says, and `publish(publish_id)`
moves the clock (and the creator) on until the post is PUBLISH_COMPLETE.
"""

from __future__ import annotations

import struct
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import httpx


class MockControlError(Exception):
    """The control API refused a call: `status`, and the `{"error", "field"}` body."""

    def __init__(self, status: int, body: Any) -> None:
        self.status = status
        self.body = body
        self.field = body.get("field") if isinstance(body, dict) else None
        message = body.get("error") if isinstance(body, dict) else body
        super().__init__(f"{status}: {message}")


_MATCH_KEYS = ("method", "path", "client_key", "open_id", "token")
_RESPOND_KEYS = ("error", "message", "status", "body", "headers", "delay", "drop")
_RULE_KEYS = ("times", "after", "probability", "seed")


class MockControl:
    def __init__(self, origin: str, token: str | None = None, timeout: float = 10.0) -> None:
        self.origin = origin.rstrip("/")
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.http = httpx.Client(base_url=self.origin, headers=headers, timeout=timeout)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> MockControl:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def call(self, method: str, path: str, json: Any = None, **kwargs: Any) -> Any:
        response = self.http.request(method, f"/_mock/{path.lstrip('/')}", json=json, **kwargs)
        try:
            body = response.json()
        except ValueError:
            body = response.text
        if response.status_code >= 400:
            raise MockControlError(response.status_code, body)
        return body

    # -- server -----------------------------------------------------------------------

    @staticmethod
    def sample_mp4(size: int = 64 * 1024, duration: float = 3.0) -> bytes:
        """A small valid MP4 to upload (see `sample_mp4`)."""
        return sample_mp4(size, duration)

    def health(self) -> dict[str, Any]:
        return self.call("GET", "health")

    def reset(self, client_key: str | None = None) -> dict[str, Any]:
        return self.call("POST", "reset", json={"client_key": client_key} if client_key else {})

    def state(self, client_key: str | None = None) -> dict[str, Any]:
        return self.call("GET", "state", params=_params(client_key=client_key))

    # -- clock ---------------------------------------------------------------------------

    def clock(self) -> dict[str, Any]:
        return self.call("GET", "clock")

    def advance(self, duration: str | float) -> dict[str, Any]:
        """Move the clock on: `"25h"`, `"90s"`, `"1h30m"` or seconds."""
        return self.call("POST", "clock", json={"advance": duration})

    def set_time(self, when: str | float) -> dict[str, Any]:
        return self.call("POST", "clock", json={"set": when})

    def freeze(self, frozen: bool = True) -> dict[str, Any]:
        return self.call("POST", "clock", json={"freeze": frozen})

    # -- state at run time -----------------------------------------------------------------

    def add_app(self, **app: Any) -> dict[str, Any]:
        return self.call("POST", "apps", json=app)

    def add_user(self, **user: Any) -> dict[str, Any]:
        return self.call("POST", "users", json=user)

    def load_fixtures(self, yaml_text: str) -> dict[str, Any]:
        return self.call("POST", "fixtures", content=yaml_text.encode(), headers={"Content-Type": "application/yaml"})

    def mint_token(self, client_key: str, user: str, scopes: list[str] | None = None, **extra: Any) -> dict[str, Any]:
        """A token set as TikTok's token endpoint returns it (access_token, refresh_token, open_id, ...)."""
        body = {"client_key": client_key, "user": user, **extra}
        if scopes is not None:
            body["scopes"] = scopes
        return self.call("POST", "tokens", json=body)

    def mint_code(self, client_key: str, user: str, **extra: Any) -> dict[str, Any]:
        return self.call("POST", "codes", json={"client_key": client_key, "user": user, **extra})

    def mint_shop_tokens(self, app_key: str, seller: str, **extra: Any) -> dict[str, Any]:
        """A TikTok Shop token pair (token/get's `data`) for a seller, by name or open_id."""
        return self.call("POST", "shop/tokens", json={"app_key": app_key, "seller": seller, **extra})

    def mint_shop_code(self, app_key: str, seller: str) -> dict[str, Any]:
        return self.call("POST", "shop/codes", json={"app_key": app_key, "seller": seller})

    def expire(self, token: str) -> dict[str, Any]:
        return self.call("POST", f"tokens/{token}/expire")

    def revoke(self, token: str) -> dict[str, Any]:
        return self.call("POST", f"tokens/{token}/revoke")

    # -- faults and scenarios ------------------------------------------------------------------

    def fault(self, **rule: Any) -> dict[str, Any]:
        """Add a fault rule from flat keywords: `fault(path=..., error=..., times=2)`;
        `match=`/`respond=` dicts are taken as they are."""
        body: dict[str, Any] = {"match": dict(rule.pop("match", {})), "respond": dict(rule.pop("respond", {}))}
        for keys, target in ((_MATCH_KEYS, body["match"]), (_RESPOND_KEYS, body["respond"]), (_RULE_KEYS, body)):
            for key in keys:
                if rule.get(key) is not None:
                    target[key] = rule.pop(key)
                rule.pop(key, None)
        if rule:
            raise TypeError(f"unknown fault keyword(s): {', '.join(sorted(rule))}")
        if not body["match"]:
            del body["match"]
        return self.call("POST", "faults", json=body)

    def faults(self, client_key: str | None = None) -> list[dict[str, Any]]:
        return self.call("GET", "faults", params=_params(client_key=client_key))["faults"]

    def clear_faults(self, client_key: str | None = None) -> int:
        return self.call("DELETE", "faults", params=_params(client_key=client_key))["cleared"]

    def delete_fault(self, fault_id: str) -> dict[str, Any]:
        return self.call("DELETE", f"faults/{fault_id}")

    def scenario(self, name: str, client_key: str | None = None) -> dict[str, Any]:
        return self.call("POST", f"scenarios/{name}", json={"client_key": client_key} if client_key else {})

    def scenarios(self) -> list[dict[str, Any]]:
        return self.call("GET", "scenarios")["scenarios"]

    # -- the journal -----------------------------------------------------------------------------

    def requests(self, **filters: Any) -> list[dict[str, Any]]:
        """Journal entries, newest last; filters: path, method, client_key, status, since, limit."""
        return self.call("GET", "requests", params=_params(**filters))["requests"]

    def clear_requests(self, client_key: str | None = None) -> int:
        return self.call("DELETE", "requests", params=_params(client_key=client_key))["cleared"]

    # -- Content Posting ----------------------------------------------------------------------

    def posts(self, client_key: str | None = None, user: str | None = None) -> list[dict[str, Any]]:
        """Every publish task with its status now (`GET /_mock/posts`)."""
        return self.call("GET", "posts", params=_params(client_key=client_key, user=user))["posts"]

    def post(self, publish_id: str) -> dict[str, Any]:
        return self.call("GET", f"posts/{publish_id}")

    def complete_post(self, publish_id: str, privacy_level: str | None = None) -> dict[str, Any]:
        """An inbox upload: the creator finishes the post in the TikTok app, now."""
        body = {"privacy_level": privacy_level} if privacy_level else {}
        return self.call("POST", f"posts/{publish_id}/complete", json=body)

    def fail_post(self, publish_id: str, fail_reason: str) -> dict[str, Any]:
        return self.call("POST", f"posts/{publish_id}/fail", json={"fail_reason": fail_reason})

    def moderate_post(self, publish_id: str) -> dict[str, Any]:
        """Moderation finishes now: a public post gets its publicaly_available_post_id."""
        return self.call("POST", f"posts/{publish_id}/moderate")

    def take_down_post(self, publish_id: str) -> dict[str, Any]:
        """Moderation takes a public post down (post.publish.no_longer_publicaly_available)."""
        return self.call("POST", f"posts/{publish_id}/take_down")

    # -- webhooks ------------------------------------------------------------------------

    def set_webhook_url(self, app: str, url: str | None) -> dict[str, Any]:
        """Where the app's (client_key or Shop app_key) webhooks go from now on; None: nowhere."""
        return self.call("POST", "webhooks/url", json={"app": app, "url": url})

    def deliveries(
        self, app: str | None = None, event: str | None = None, state: str | None = None
    ) -> list[dict[str, Any]]:
        """Webhook deliveries with their attempts; `state` pending, delivered or dropped."""
        return self.call("GET", "webhooks", params=_params(app=app, event=event, state=state))["deliveries"]

    def deliver(self) -> int:
        """Attempt every due delivery now; how many were attempted."""
        return self.call("POST", "webhooks/deliver")["attempted"]

    def redeliver(self, delivery_id: str) -> dict[str, Any]:
        return self.call("POST", f"webhooks/{_segment(delivery_id)}/redeliver")

    def send_test_event(
        self, app: str, event: str, content: dict[str, Any] | None = None, **extra: Any
    ) -> dict[str, Any]:
        """A test event of any type (`user=` for a TikTok event's user, `shop_id=` for the Shop's)."""
        return self.call("POST", "webhooks/test", json={"app": app, "event": event, "content": content or {}, **extra})

    def pause_webhooks(self, paused: bool = True) -> bool:
        return self.call("POST", "webhooks/pause" if paused else "webhooks/resume")["paused"]

    # -- what users, buyers, sellers and TikTok do ---------------------------------------------

    def disconnect(self, user: str, client_key: str, reason: int | None = None) -> dict[str, Any]:
        """The user disconnects the app (authorization.removed, reason 1 unless told)."""
        body = {"client_key": client_key, **({"reason": reason} if reason is not None else {})}
        return self.call("POST", f"users/{_segment(user)}/disconnect", json=body)

    def move_order(self, order_id: str, status: str) -> dict[str, Any]:
        return self.call("POST", f"shop/orders/{_segment(order_id)}/status", json={"status": status})

    def cancellation(self, order_id: str, status: str, role: str | None = None) -> dict[str, Any]:
        """Open or move the order's cancellation request (CANCELLATION_STATUS_CHANGE)."""
        body = {"status": status, **_params(role=role)}
        return self.call("POST", f"shop/orders/{_segment(order_id)}/cancellation", json=body)

    def order_return(
        self, order_id: str, status: str, role: str | None = None, return_type: str | None = None
    ) -> dict[str, Any]:
        """Open or move a shipped order's return request (RETURN_STATUS_CHANGE)."""
        body = {"status": status, **_params(role=role, return_type=return_type)}
        return self.call("POST", f"shop/orders/{_segment(order_id)}/return", json=body)

    def change_address(self, order_id: str, **address: str) -> dict[str, Any]:
        return self.call("POST", f"shop/orders/{_segment(order_id)}/address", json=address)

    def move_product(self, product_id: str, status: str, reason: str | None = None) -> dict[str, Any]:
        """TikTok's audit or moderation: ACTIVATE, FAILED, PLATFORM_DEACTIVATED or FREEZE."""
        body = {"status": status, **_params(reason=reason)}
        return self.call("POST", f"shop/products/{_segment(product_id)}/status", json=body)

    def edit_product(self, product_id: str, **changes: Any) -> dict[str, Any]:
        """The seller edits the product in Seller Center (title, description, main_images, category_id)."""
        return self.call("POST", f"shop/products/{_segment(product_id)}/edit", json=changes)

    def end_authorization_in(self, seller: str, app_key: str, seconds: int) -> dict[str, Any]:
        """The seller's authorization of the app ends `seconds` from now (warnings from 30 days before)."""
        body = {"app_key": app_key, "expires_in": seconds}
        return self.call("POST", f"shop/sellers/{_segment(seller)}/authorization", json=body)

    def deauthorize(self, seller: str, app_key: str) -> dict[str, Any]:
        """The seller removes the Shop app: its grant ends (SELLER_DEAUTHORIZATION per shop)."""
        return self.call("POST", f"shop/sellers/{_segment(seller)}/deauthorize", json={"app_key": app_key})

    def upload(
        self, upload_url: str, data: bytes, chunk_size: int | None = None, content_type: str = "video/mp4"
    ) -> list[int]:
        """PUT `data` to an init's upload_url, chunk by chunk with Content-Range, the final chunk
        carrying the trailing bytes; the statuses (206 ... 201). `chunk_size` is the init's
        (default: one chunk). An upload_url on another origin (settings.posting.upload_origin)
        is sent to this mock."""
        url = _on_origin(upload_url, self.origin)
        size = len(data)
        chunk = chunk_size or size
        count = max(1, size // chunk)
        statuses = []
        for index in range(count):
            first = index * chunk
            last = size - 1 if index == count - 1 else first + chunk - 1
            headers = {"Content-Type": content_type, "Content-Range": f"bytes {first}-{last}/{size}"}
            response = self.http.put(url, content=data[first : last + 1], headers=headers)
            statuses.append(response.status_code)
            if response.status_code not in (201, 206):
                raise MockControlError(response.status_code, _json_or_text(response))
        return statuses

    def post_video(
        self,
        access_token: str,
        data: bytes | None = None,
        privacy_level: str = "SELF_ONLY",
        title: str = "",
        inbox: bool = False,
        chunk_size: int | None = None,
    ) -> str:
        """Init a FILE_UPLOAD (Direct Post, or an inbox upload) as a client would, with the
        creator's token, and upload `data` (a small generated MP4 by default); the publish_id."""
        data = sample_mp4() if data is None else data
        size = len(data)
        chunk = chunk_size or size
        body: dict[str, Any] = {
            "source_info": {
                "source": "FILE_UPLOAD",
                "video_size": size,
                "chunk_size": chunk,
                "total_chunk_count": max(1, size // chunk),
            }
        }
        if not inbox:
            body["post_info"] = {"privacy_level": privacy_level, "title": title}
        path = "/v2/post/publish/inbox/video/init/" if inbox else "/v2/post/publish/video/init/"
        response = self.http.post(path, json=body, headers={"Authorization": f"Bearer {access_token}"})
        reply = _json_or_text(response)
        if response.status_code != 200:
            raise MockControlError(response.status_code, reply)
        self.upload(reply["data"]["upload_url"], data, chunk)
        return str(reply["data"]["publish_id"])

    def publish(self, publish_id: str, moderated: bool = False) -> dict[str, Any]:
        """Move the clock to when the task is done processing; an inbox upload is then posted
        by the creator. With `moderated`, a public post also passes moderation. The task after."""
        task = self.post(publish_id)
        if task["status"] == "FAILED":
            raise MockControlError(409, {"error": f"the task failed: {task.get('fail_reason')}", "field": None})
        if task["ready_at"] is None:
            missing = task["video_size"] - (task.get("uploaded_bytes") or 0)
            raise MockControlError(409, {"error": f"upload the video first ({missing} bytes missing)", "field": None})
        if task["ready_at"] > task["now"]:
            self.advance(task["ready_at"] - task["now"])
            task = self.post(publish_id)
        if task["status"] == "SEND_TO_USER_INBOX":
            task = self.complete_post(publish_id)
        if (
            moderated
            and task["status"] == "PUBLISH_COMPLETE"
            and task["public_at"]
            and not task["publicaly_available_post_id"]
        ):
            task = self.moderate_post(publish_id)
        return task


def _segment(value: str) -> str:
    """A name as one path segment (a seller's name has spaces; an id could hold a slash)."""
    return quote(value, safe="")


def _params(**values: Any) -> dict[str, str]:
    return {key: str(value) for key, value in values.items() if value is not None}


def _json_or_text(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text


def _on_origin(url: str, origin: str) -> str:
    parts, mock = urlsplit(url), urlsplit(origin)
    return urlunsplit((mock.scheme, mock.netloc, parts.path, parts.query, ""))


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def sample_mp4(size: int = 64 * 1024, duration: float = 3.0) -> bytes:
    """A small MP4 of `size` bytes that says it lasts `duration` seconds: `ftyp`, then `moov`
    with its `mvhd` up front (a "fast start" file, so the mock reads the duration from the
    first chunk), then `mdat` filler. Enough for TikTok's format and duration checks."""
    ftyp = _box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41")
    mvhd = _box(
        b"mvhd",
        struct.pack(">B3xIIII", 0, 0, 0, 1000, round(duration * 1000))  # version 0, times, timescale, duration
        + struct.pack(">IH10x", 0x00010000, 0x0100)  # rate 1.0, volume 1.0, reserved
        + struct.pack(">9I", 0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000)  # unity matrix
        + bytes(24)  # pre-defined
        + struct.pack(">I", 2),  # next track id
    )
    head = ftyp + _box(b"moov", mvhd)
    if size < len(head) + 8:
        raise ValueError(f"an MP4 with its header is at least {len(head) + 8} bytes")
    return head + struct.pack(">I", size - len(head)) + b"mdat" + bytes(size - len(head) - 8)
