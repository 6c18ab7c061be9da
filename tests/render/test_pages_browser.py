"""The home page and an item page in a real headless Chromium, served by uvicorn on loopback.

Checks what a person and a browser see: autodiscovery links with absolute URLs,
subscribe links that answer 200 with the feed's own media type, no console
errors, no failed requests, and a layout that fits a phone. Uses Debian's
Chromium (`make system-deps`); a missing browser fails the test, it never skips.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import BrowserContext, Page, sync_playwright

from feeds.content import load_site
from feeds.settings import Settings
from feeds.snapshot import build_snapshot
from feeds.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
CONTENT = Path(__file__).resolve().parents[2] / "content"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FEED_TYPES = {
    "rss": "application/rss+xml",
    "atom": "application/atom+xml",
    "json": "application/feed+json",
}
SHOTS = Path("/tmp")  # screenshots are for a person to look at, never committed

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """The bundled content served by the real app under uvicorn on a free loopback port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    # The public URL is the loopback server, so every absolute link stays on it.
    settings = Settings(content_dir=CONTENT, base_url=base)
    site = load_site(CONTENT, base)
    app = create_app(build_snapshot(site, settings), settings)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start within 10 s"
        assert thread.is_alive(), "uvicorn stopped while starting"
        time.sleep(0.02)
    yield base
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    """Debian's Chromium, headless, with a fresh profile."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Chromium with `make system-deps` (as root); "
            "this test never downloads a browser"
        )
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            user_data_dir=profile,
            executable_path=str(CHROMIUM),
            args=ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


@dataclass
class Watched:
    """Everything a page reported that would mean it is broken."""

    errors: list[str] = field(default_factory=list)


def open_page(context: BrowserContext, url: str, width: int = 1280) -> tuple[Page, Watched]:
    """Open `url` in a new tab, recording console errors, page errors and failed requests."""
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    watched = Watched()
    page.on(
        "console",
        lambda message: (
            watched.errors.append(f"console: {message.text}") if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: watched.errors.append(f"page error: {error}"))
    page.on(
        "requestfailed",
        lambda request: watched.errors.append(f"request failed: {request.url} {request.failure}"),
    )

    def bad_status(response: Any) -> None:
        if response.status >= 400:
            watched.errors.append(f"HTTP {response.status}: {response.url}")

    page.on("response", bad_status)
    response = page.goto(url, wait_until="load")
    assert response is not None
    assert response.status == 200, url
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    return page, watched


def alternates(page: Page) -> list[tuple[str, str]]:
    """(type, href) of every autodiscovery link, as the browser resolved them."""
    found: list[list[str]] = page.eval_on_selector_all(
        'link[rel="alternate"]', "links => links.map(l => [l.type, l.href])"
    )
    return [(kind, href) for kind, href in found]


def news_feeds(base: str, name: str) -> list[tuple[str, str]]:
    return [(media, f"{base}/feeds/{name}.{ext}") for ext, media in FEED_TYPES.items()]


def check_subscribe_links(page: Page) -> int:
    """Every feed link of the subscribe panel answers 200 with its own media type."""
    links: list[list[str]] = page.eval_on_selector_all(
        "#subscribe a[type]", "links => links.map(a => [a.type, a.href])"
    )
    shown: list[str] = page.eval_on_selector_all(
        "#subscribe code.feed-url", "codes => codes.map(c => c.textContent)"
    )
    assert [href for _, href in links] == shown  # the address to copy is the one linked
    for media_type, href in links:
        response = page.request.get(href)
        assert response.status == 200, f"{href} answered {response.status}"
        assert response.headers["content-type"] == f"{media_type}; charset=utf-8", href
        assert response.body(), href
    return len(links)


def check_readable(page: Page, name: str) -> None:
    """No sideways scrolling on a phone, no JavaScript, and a screenshot to look at."""
    page.set_viewport_size({"width": 390, "height": 844})
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{name} scrolls sideways on a phone: {width}"
    page.screenshot(path=str(SHOTS / f"pages-{name}-phone.png"), full_page=False)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(SHOTS / f"pages-{name}.png"), full_page=True)
    page.locator("#subscribe").screenshot(path=str(SHOTS / f"pages-{name}-subscribe.png"))
    assert page.evaluate("document.scripts.length") == 1  # the JSON-LD, not a program
    assert page.evaluate(
        "document.querySelector('script[type=\"application/ld+json\"]').textContent.length"
    )


def test_home_page_in_chromium(browser: BrowserContext, base_url: str) -> None:
    page, watched = open_page(browser, base_url + "/")
    assert page.title() == "Cyber, Digital and Technology Bulletin"
    assert alternates(page) == [
        *news_feeds(base_url, "all"),
        ("text/calendar", f"{base_url}/feeds/events.ics"),
    ]
    assert page.locator("h2", has_text="How to subscribe").is_visible()
    assert page.locator("#subscribe code.feed-url").first.is_visible()
    # all, five sections and the calendar: 3 + 15 + 1 feeds.
    assert check_subscribe_links(page) == 19
    check_readable(page, "home")
    assert watched.errors == []
    page.close()


def test_item_page_in_chromium(browser: BrowserContext, base_url: str) -> None:
    page, watched = open_page(browser, base_url + "/items/budget-2024")
    assert page.locator("h1").inner_text() == "Budget 2024"
    assert alternates(page) == [*news_feeds(base_url, "news"), *news_feeds(base_url, "all")]
    assert check_subscribe_links(page) == 6
    check_readable(page, "item")
    assert watched.errors == []
    page.close()
