"""The HTML report in a real browser (headless Chromium through Playwright): it renders without errors,
every highlight shows its span's text and can be seen, the side list scrolls to it, rule docs open.

Skipped where /usr/bin/chromium is absent, except under CI (env CI set), where a skip would let the run
go green without the test: there it fails instead. A screenshot is kept in the test's tmp dir and, when
RECTLINT_ARTIFACTS names a directory, there too.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES
from helpers import html_report

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser test, not skip it")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (it is in the test extra)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, tmp_path: Path):
    html, results = html_report(tmp_path, EXAMPLES)
    report = tmp_path / "report.html"
    report.write_text(html, "utf-8")
    # reduced motion: the page then scrolls at once, so a click can be checked without waiting
    context = browser.new_context(viewport={"width": 1400, "height": 900}, reduced_motion="reduce")
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning")
          else None)
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else problems.append(f"request {r.url}"))
    pg.goto(report.as_uri())
    pg.wait_for_load_state("load")
    yield pg, results, problems
    context.close()


def _save_screenshot(pg, tmp_path: Path) -> Path:
    shot = tmp_path / "html-report.png"
    pg.screenshot(path=str(shot))  # the window at the top of the page (a full-page shot takes seconds)
    if artifacts := os.environ.get("RECTLINT_ARTIFACTS"):
        Path(artifacts).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(artifacts) / shot.name)
    return shot


def test_page_renders_every_highlight_and_links_to_it(page, tmp_path: Path) -> None:
    pg, results, problems = page
    sources = {r.path: r.source.text for r in results if r.source is not None}
    marks = pg.eval_on_selector_all("mark.hl", """els => els.map(el => {
        const r = el.getBoundingClientRect();
        return {file: el.closest("article").dataset.file, start: +el.dataset.start, end: +el.dataset.end,
                finding: el.dataset.finding, text: el.textContent, width: r.width, height: r.height,
                visible: el.checkVisibility({visibilityProperty: true, opacityProperty: true})};
    })""")
    assert len({m["finding"] for m in marks}) == sum(len(r.diagnostics) for r in results)
    for m in marks:
        expected = sources[m["file"]][m["start"]:m["end"]].replace("\r\n", "\n").replace("\r", "\n")
        assert m["text"] == expected, m
        assert m["visible"] and m["width"] > 0 and m["height"] > 0, m

    # Clicking an entry scrolls its highlight to the middle of the window. Tried from the top of the page on
    # every entry of the notice with crossing and multi-line spans and on the first entry of every other one.
    entries = pg.locator(".finding")
    assert entries.count() == len({m["finding"] for m in marks})
    last = results[-2].path
    chosen = pg.eval_on_selector_all(".finding", f"""els => els.filter((el, i) =>
        el.closest("article").dataset.file === {last!r} || el === el.closest("article").querySelector(".finding")
    ).map(el => el.dataset.target)""")
    assert len(chosen) > 10
    for target in chosen:
        pg.evaluate("window.scrollTo(0, 0)")
        mark = pg.locator(f"mark#{target}")
        pg.locator(f'.finding[data-target="{target}"] a.jump').click()
        box = mark.bounding_box()
        assert box is not None and abs(box["y"] + box["height"] / 2 - 450) < 60, (target, box)
        assert "flash" in (mark.get_attribute("class") or "")
        assert "active" in (pg.locator(f'.finding[data-target="{target}"]').get_attribute("class") or "")

    # a rule's documentation is one click away
    first = entries.first
    code = first.locator("a.rule-link").get_attribute("data-rule")
    first.locator("a.rule-link").click()
    dialog = pg.locator("#rule-dialog")
    assert dialog.is_visible() and code in dialog.inner_text() and "What it does" in dialog.inner_text()
    pg.keyboard.press("Escape")
    assert not dialog.is_visible()

    pg.evaluate("window.scrollTo(0, 0)")
    shot = _save_screenshot(pg, tmp_path)
    assert shot.stat().st_size > 10_000
    assert problems == []
