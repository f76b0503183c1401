"""The contract run, shipped: schemathesis's configuration (schemathesis.toml, and
schemathesis-rfc6749.toml for the 4xx token errors), its hooks (hooks.py, with the Shop
ones), and `tiktok-mock contract` (command.py, runs.py), which the project's own tests
call too. Needs the `contract` extra: `pip install 'tiktok-mock[contract]'`."""
