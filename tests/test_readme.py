"""The README's snippets run as pasted, against a live mock on loopback (its origin put
where a snippet says http://127.0.0.1:8000), with the installed programs first on PATH,
as the README tells a checkout user to set it. Each snippet starts on a reset mock.

- shell blocks run in bash with `-e -o pipefail`; a command's trailing comment names
  what it answers (`# 401 access_token_invalid`), and those words must come out in order;
- Python blocks run in this process, and the values they leave are checked where the
  block computes something worth checking; blocks of `def test_...` run under pytest
  with the tiktok_mock plugin;
- the arctic block runs with node, arctic installed from npm into an ignored folder.

Excepted, each with its reason (the brief: Docker and benchmark commands, which cannot
run here): the first-hour block, whose commands build `.venv` from PyPI and run this very
suite. The README names no file that is not in the repository.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from mock_server.app import create_app
from mock_server.kernel.clock import Clock
from tests.conftest import LiveServer

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCUMENTED_ORIGIN = "http://127.0.0.1:8000"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.DOTALL | re.MULTILINE)
EXCEPTED = {
    "./scripts/serve": "the first-hour commands make .venv and install from PyPI, and ./scripts/test is this suite",
}
EXPECTED_WORD = re.compile(r"\b\d{3}\b|\b[a-z]+(?:_[a-z]+)+\b")


def snippets(*languages: str) -> list[Any]:
    found = []
    for match in FENCE.finditer(README):
        if match.group(1) not in languages:
            continue
        text, line = match.group(2), README[: match.start()].count("\n") + 1
        reason = next((why for start, why in EXCEPTED.items() if text.startswith(start)), None)
        marks = [pytest.mark.skip(reason=f"README.md:{line}: {reason}")] if reason else []
        found.append(pytest.param(text, id=f"README.md:{line}", marks=marks))
    return found


@pytest.fixture(scope="module")
def live() -> Any:
    server = LiveServer(create_app(clock=Clock())).start()  # a real clock: the Shop snippet signs time.time()
    yield server
    server.stop()


@pytest.fixture
def origin(live) -> str:
    assert httpx.post(f"{live.origin}/_mock/reset").status_code == 200
    return live.origin


def environment() -> dict[str, str]:
    """PATH with the installed programs first, as the README says to set it in a checkout."""
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    python_path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PATH": path, "PYTHONPATH": python_path}


def expected_words(script: str) -> list[str]:
    """The words a command's trailing comment says it answers, in order."""
    words = []
    for line in script.splitlines():
        code, hash_, comment = line.partition("  # ")
        if hash_ and code.strip() and not code.lstrip().startswith("#"):
            words += EXPECTED_WORD.findall(comment)
    return words


@pytest.mark.parametrize("script", snippets("sh"))
def test_a_shell_block_runs_and_answers_what_its_comments_say(script, origin, tmp_path):
    done = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", script.replace(DOCUMENTED_ORIGIN, origin)],
        cwd=tmp_path,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    position = 0
    for word in expected_words(script):
        found = done.stdout.find(word, position)
        assert found >= 0, f"{word!r} does not come out after position {position}:\n{done.stdout}"
        position = found + len(word)


# What a Python block computes, checked after it ran (by a line only that block has).
PYTHON_CHECKS = {
    'me = httpx.get(f"{TIKTOK}/v2/user/info/"': lambda ns: ns["me"]["data"]["user"]["display_name"] == "Tik Toker",
    'query["sign"] = hmac.new(': lambda ns: ns["r"].json()["code"] == 0,
    "result = runner.execute_workflow(": lambda ns: len(ns["result"].outputs["videos"]) == 20,
    "async def tiktok_webhook(request)": lambda ns: ns["received"][0]["content"] == '{"reason":1}',
}


@pytest.mark.parametrize("snippet", snippets("python"))
def test_a_python_block_runs(snippet, origin, tmp_path):
    code = snippet.replace(DOCUMENTED_ORIGIN, origin)
    if "\ndef test_" in "\n" + code:
        (tmp_path / "test_snippet.py").write_text(code, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_snippet.py"],
            cwd=tmp_path,
            env=environment(),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
        assert " passed" in done.stdout and "failed" not in done.stdout
        return
    namespace: dict[str, Any] = {"__name__": "readme_snippet"}
    exec(compile(code, "README.md", "exec"), namespace)
    checks = [check for marker, check in PYTHON_CHECKS.items() if marker in code]
    assert checks, "a Python block with nothing to check: add it to PYTHON_CHECKS"
    assert all(check(namespace) for check in checks)


@pytest.fixture(scope="module")
def arctic() -> Path:
    if not (shutil.which("node") and shutil.which("npm")):
        if os.environ.get("CI"):
            pytest.fail("node and npm are needed for the client snippets")
        pytest.skip("node and npm are needed for the client snippets")
    folder = ROOT / "tests" / "clients" / ".cache" / "arctic"  # ignored by git
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "tests" / "clients" / "package.json", folder)
    command = ["npm", "install", "--no-audit", "--no-fund", "--silent", "--no-package-lock"]
    subprocess.run(command, cwd=folder, check=True, timeout=300, capture_output=True)
    return folder


@pytest.mark.parametrize("snippet", snippets("js"))
def test_a_javascript_block_runs_with_node(snippet, origin, arctic):
    script = arctic / "readme_snippet.mjs"
    script.write_text(snippet.replace(DOCUMENTED_ORIGIN, origin), encoding="utf-8")

    done = subprocess.run(["node", script.name], cwd=arctic, capture_output=True, text=True, timeout=60)

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("act.")


def test_every_block_in_a_language_a_reader_runs_is_run_here():
    languages = {match.group(1) for match in FENCE.finditer(README)}

    assert languages <= {"sh", "python", "js", "yaml"}  # YAML blocks are fixture documentation, not programs


# -- files the README names ------------------------------------------------------------

PATH_LIKE = re.compile(r"`([A-Za-z0-9_.][A-Za-z0-9_./-]*/[A-Za-z0-9_.-]*)`|\]\(([^)#:]+)\)")
MADE_BY_A_SNIPPET_OR_A_RUN = ("tiktok-specs/", "bench/node_modules", "DIR/", ".venv/")
MEDIA_TYPE = re.compile(r"(application|image|multipart|text|video)/[a-z0-9.+-]+")  # `video/mp4`, not a file


def test_every_file_the_readme_names_is_in_the_repository():
    named = {first or second for first, second in PATH_LIKE.findall(README)}
    missing = [
        name
        for name in sorted(named)
        if not name.startswith(MADE_BY_A_SNIPPET_OR_A_RUN)
        and not MEDIA_TYPE.fullmatch(name)
        and not (ROOT / name).exists()
    ]

    assert missing == []
