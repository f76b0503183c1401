"""A mock served by uvicorn in a thread, on a loopback socket bound before it starts (no
port race): the pytest plugin's session server and `tiktok-mock contract`'s own server."""

from __future__ import annotations

import socket
import threading

import uvicorn
from starlette.applications import Starlette

START_TIMEOUT = 30.0


class LiveMock:
    def __init__(self, app: Starlette, log_level: str = "warning") -> None:
        self.app = app
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.origin = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        config = uvicorn.Config(self.app, log_level=log_level, lifespan="off")
        self.ready = threading.Event()
        ready = self.ready

        class Server(uvicorn.Server):
            async def startup(self, sockets: list[socket.socket] | None = None) -> None:
                try:
                    await super().startup(sockets)
                finally:
                    ready.set()  # also on failure: the waiting thread then sees `started` is False

        self.server = Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)

    def start(self) -> LiveMock:
        self.thread.start()
        if not self.ready.wait(START_TIMEOUT) or not self.server.started:
            raise RuntimeError(f"the tiktok-mock server did not start within {START_TIMEOUT:g} s")
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.socket.close()
