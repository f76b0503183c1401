"""Display's /_mock/ endpoints: none of its own. Its users, videos and tokens are
Login Kit's (`/_mock/users`, `/_mock/tokens`); its rate-limit windows and caches
are cleared by `/_mock/reset` like every family's state."""

from __future__ import annotations

from starlette.routing import Route

routes: list[Route] = []
