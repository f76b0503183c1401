"""Two figures the hardening work promised (issue 12), printed, not asserted:

    python -m bench.hardening [--seconds 10] [--rounds 3000]

- **Access log cost**: user/info req/s with the mock's own access log on (the
  CLI's default `--log-level info`) next to a quiet server (`--log-level
  warning`), same wrk load, interleaved rounds, median. Target: the log costs at
  most 10%.
- **Churn**: RSS of a live mock while clients log in and refresh through Login
  Kit (code -> token -> refresh) and TikTok Shop (token/get -> token/refresh)
  for `--rounds` rounds each, then the clock moved past every lifetime; and
  `/_mock/state`'s family counts beside a fresh start's after the same clock move.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import urllib.parse
import urllib.request

from bench import cases as bench_cases, fixturegen, servers, wrk
from bench.run import GENERATED, free_port

PAST_EVERY_TTL = f"{101 * 365 * 86400}s"


def start(fixture, log_level: str) -> servers.Server:
    port = free_port()
    command = [sys.executable, "-m", "mock_server", "--fixtures", str(fixture), "--port", str(port)]
    return servers.start(f"mock-{log_level}", [*command, "--log-level", log_level], port)


def access_log_cost(seconds: int, rounds: int = 3) -> None:
    fixture = fixturegen.write_bundled()
    case = bench_cases.throughput_cases([])[0]  # user/info
    load = wrk.Load(duration=seconds)
    figures: dict[str, list[float]] = {"info": [], "warning": []}
    running = {level: start(fixture, level) for level in figures}
    try:
        for _ in range(rounds):
            for level, server in running.items():
                args = [case.method, fixturegen.BENCH_TOKEN, case.body]
                result = wrk.run(server.origin + case.target, "request.lua", args, load)
                figures[level].append(result.rps)
    finally:
        for server in running.values():
            server.stop()
    logged, quiet = (statistics.median(figures[level]) for level in ("info", "warning"))
    print(f"user/info, access log on (default --log-level info): {logged:,.0f} req/s")
    print(f"user/info, quiet (--log-level warning):              {quiet:,.0f} req/s")
    print(f"access log cost: {100 * (1 - logged / quiet):.1f}% (target: at most 10%)")


def _call(origin: str, method: str, path: str, form: dict[str, str] | None = None, body: object = None) -> dict:
    data = None
    headers = {}
    if form is not None:
        data, headers = urllib.parse.urlencode(form).encode(), {"content-type": "application/x-www-form-urlencoded"}
    elif body is not None:
        data, headers = json.dumps(body).encode(), {"content-type": "application/json"}
    request = urllib.request.Request(origin + path, data=data, headers=headers, method=method)
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def churn(rounds: int) -> None:
    fixture = fixturegen.write_bundled()
    server, fresh = start(fixture, "warning"), start(fixture, "warning")
    try:
        origin = server.origin
        before = server.rss_mb()
        app = {"client_key": fixturegen.BENCH_APP, "client_secret": fixturegen.BENCH_SECRET}
        redirect = "http://localhost:3000/callback"
        shop = {"app_key": "6demo00shop", "app_secret": "demo-shop-secret"}
        samples = []
        for done in range(1, rounds + 1):
            minted = {"client_key": app["client_key"], "user": fixturegen.BENCH_USER, "redirect_uri": redirect}
            code = _call(origin, "POST", "/_mock/codes", body=minted)["code"]
            form = {**app, "grant_type": "authorization_code", "code": code, "redirect_uri": redirect}
            tokens = _call(origin, "POST", "/v2/oauth/token/", form=form)
            _call(
                origin,
                "POST",
                "/v2/oauth/token/",
                form={**app, "grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
            )
            auth = _call(
                origin, "POST", "/_mock/shop/codes", body={"app_key": shop["app_key"], "seller": "Demo Seller"}
            )
            query = urllib.parse.urlencode({**shop, "auth_code": auth["code"], "grant_type": "authorized_code"})
            pair = _call(origin, "GET", f"/api/v2/token/get?{query}")["data"]
            query = urllib.parse.urlencode(
                {**shop, "refresh_token": pair["refresh_token"], "grant_type": "refresh_token"}
            )
            _call(origin, "GET", f"/api/v2/token/refresh?{query}")
            if done % (rounds // 4 or 1) == 0:
                samples.append(f"{server.rss_mb():.1f} MB at {done:,}")
        after_churn = server.rss_mb()
        for each in (server, fresh):
            _call(each.origin, "POST", "/_mock/clock", body={"advance": PAST_EVERY_TTL})
        churned_counts = _call(origin, "GET", "/_mock/state")["families"]
        fresh_counts = _call(fresh.origin, "GET", "/_mock/state")["families"]
        print(f"churn: {rounds:,} Login Kit logins + refreshes and {rounds:,} Shop token/get + refresh")
        counted = server.rss_mb()
        print(f"  RSS: {before:.1f} MB before, {after_churn:.1f} MB after the churn, {counted:.1f} MB after counting")
        print(f"  RSS along the churn: {', '.join(samples)}")
        print(f"  /_mock/state families after the clock moved past every TTL: {json.dumps(churned_counts)}")
        print(f"  a fresh start after the same clock move:                    {json.dumps(fresh_counts)}")
        print(f"  equal: {churned_counts == fresh_counts}")
    finally:
        server.stop()
        fresh.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--rounds", type=int, default=3000, help="churn rounds per family (default 3000)")
    args = parser.parse_args()
    GENERATED.mkdir(exist_ok=True)
    if not wrk.available():
        print(wrk.INSTALL_HINT, file=sys.stderr)
    else:
        access_log_cost(args.seconds)
    churn(args.rounds)


if __name__ == "__main__":
    main()
