"""Display's part of the fixture: nothing of its own to parse. It serves the
videos listed under each Login Kit user (`users[].videos`, read by
`families/login_kit/fixture.py` with the user) and reads `settings.cover_ttl`
and the per-app `rate_limit` from the shared settings."""
