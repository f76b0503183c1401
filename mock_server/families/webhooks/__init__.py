"""Webhooks (tiktok-content-posting.md §4, §6): signed deliveries of what happens in the
other families (a grant removed, an order's new status) to the apps' callback URLs, with
retries on the mock clock. It answers no TikTok path: its HTTP side is the sender
(`sender.py`, outgoing) and its control endpoints."""
