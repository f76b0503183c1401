"""The HTTP layers, one per TikTok API family, on top of `mock_server.core`."""
