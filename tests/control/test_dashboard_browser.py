"""The dashboard in a real Chromium: switch a scenario on, see its fault, make a
request, see it in the journal."""

from __future__ import annotations

import httpx
import pytest

from tests.browser import chromium_page

pytestmark = pytest.mark.browser


def test_switching_a_scenario_in_the_browser_lists_its_fault_and_the_request_it_answered(live_server, tmp_path):
    with chromium_page() as page:
        page.goto(f"{live_server.origin}/_mock/")
        assert page.locator("#faults").inner_text().count("None: TikTok answers normally.") == 1

        page.locator("form.scenario", has_text="rate-limited").get_by_role("button").click()
        page.wait_for_url(f"{live_server.origin}/_mock/")
        faults = page.locator("#faults").inner_text()
        assert "rate-limited" in faults and "rate_limit_exceeded" in faults

        response = httpx.get(
            f"{live_server.origin}/v2/video/list/?fields=id", headers={"Authorization": "Bearer act.demo-tiktoker"}
        )
        assert response.status_code == 429
        page.reload()

        journal = page.locator("#journal tr").nth(1).inner_text()
        assert "/v2/video/list/" in journal and "429" in journal and "sbawdemo000001" in journal
        assert page.locator("#faults td.hits").first.inner_text() == "1"
        page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)

    assert (tmp_path / "dashboard.png").stat().st_size > 10_000
