"""A local webhook receiver on 127.0.0.1 for each test that asks for one."""

from __future__ import annotations

import pytest

from mock_server.webhooks import WebhookReceiver


@pytest.fixture
def receiver():
    receiver = WebhookReceiver()
    yield receiver
    receiver.close()
