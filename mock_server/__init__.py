"""tiktok-mock: a local, faithful mock of TikTok's APIs."""

__version__ = "0.1.0"
