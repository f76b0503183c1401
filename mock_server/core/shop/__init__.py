"""TikTok Shop: the seller's data, Shop tokens, and request signing (tiktok-api.md §4).

Pure domain code: no HTTP. `mock_server.api.shop` puts it on the wire.
"""
