"""tiktok-studio-mcp (PyPI), unchanged, against the mock: only its TikTok origin is swapped.

Run by test_posting_clients.py in a subprocess whose path holds the installed client, with
HOME pointing at a scratch folder holding its credentials file:
    python studio_flow.py ORIGIN VIDEO_FILE MODE
Calls the MCP server's tools as an MCP client would (FastMCP.call_tool) and prints JSON.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

import tiktok_mcp.client as tiktok
from tiktok_mcp.server import build_app

origin, video, mode = sys.argv[1], sys.argv[2], sys.argv[3]
tiktok.API = origin  # was https://open.tiktokapis.com
tiktok.TOKEN_URL = f"{origin}/v2/oauth/token/"


async def tool(app, name: str, **arguments: object) -> dict:
    result = await app.call_tool(name, arguments)
    content = result[0] if isinstance(result, tuple) else result
    return json.loads(content[0].text)


async def main() -> dict:
    app = build_app(tiktok.TikTok())
    seen: dict[str, object] = {"health": await tool(app, "health_check")}
    posted = await tool(
        app, "post_video", file_path=video, caption="Studio upload #fyp", privacy_level="PUBLIC_TO_EVERYONE"
    )
    seen["posted"] = posted
    statuses = []
    for _ in range(100):
        data = (await tool(app, "post_status", publish_id=posted["publish_id"]))["data"]
        statuses.append(data["status"])
        if data["status"] in ("PUBLISH_COMPLETE", "SEND_TO_USER_INBOX", "FAILED") and (
            mode != "publish" or data.get("publicaly_available_post_id")
        ):
            break
        time.sleep(0.1)
    seen["statuses"] = statuses
    seen["last_status"] = data
    seen["videos"] = (await tool(app, "list_videos", limit=5))["data"]["videos"]
    return seen


print(json.dumps(asyncio.run(main())))
