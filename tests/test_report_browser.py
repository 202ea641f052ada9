"""The HTML report in a real browser: headless Chromium driven by selenium (Debian's chromium + chromium-driver).

`make install` installs both when they are missing and it runs as root; elsewhere install them with
``apt-get install -y chromium chromium-driver`` (selenium comes with the ``test`` extra). The test is
skipped, with the reason, only where no browser or driver can be found. The screenshot is saved under
the test's tmp directory (and copied to $FRAMING_SCREENSHOT_DIR when set).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from framing.cli import main

ROOT = Path(__file__).resolve().parents[1]
BROWSERS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
DRIVERS = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000")


def _find(env: str, candidates: tuple[str, ...], name: str) -> str | None:
    found = [os.environ.get(env)] + list(candidates) + [shutil.which(name)]
    return next((p for p in found if p and os.path.isfile(p) and os.access(p, os.X_OK)), None)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
    from selenium.webdriver.chrome.service import Service

    binary = _find("CHROMIUM", BROWSERS, "chromium")
    driver_path = _find("CHROMEDRIVER", DRIVERS, "chromedriver")
    if binary is None or driver_path is None:
        pytest.skip("no Chromium browser/driver found (apt-get install -y chromium chromium-driver, "
                    "or set CHROMIUM and CHROMEDRIVER)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = binary
    for flag in (*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=opts)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _visible(driver, css: str) -> list:  # type: ignore[no-untyped-def]
    return [e for e in driver.find_elements("css selector", css) if e.is_displayed()]


def test_report_in_headless_chromium(browser, trained_model: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import Select

    report = tmp_path / "report.html"
    assert main(["predict", str(ROOT / "examples"), "--documents", "--level", "all", "--evidence", "--model",
                 str(trained_model), "--html", str(report), "--no-progress"]) == 0
    browser.get(report.as_uri())

    # corpus view: charts as inline SVG, with a by-month view behind the group-by control
    panels = _visible(browser, ".panel")
    assert len(panels) == 1 and panels[0].get_attribute("data-group") == "overall"
    assert len(panels[0].find_elements("css selector", "svg g.bar rect")) >= 4 + 3  # 4 perspectives, 3 frames
    Select(browser.find_element("id", "group-select")).select_by_value("month")
    panels = _visible(browser, ".panel")
    assert len(panels) == 1 and panels[0].get_attribute("data-group") == "month"
    assert "n=" in panels[0].find_element("css selector", ".panel-head").text
    Select(browser.find_element("id", "unit-select")).select_by_value("documents")
    assert _visible(browser, ".panel")[0].get_attribute("data-unit") == "documents"

    # documents: the list, a filter, and a document opened from its template
    browser.find_element("id", "tab-documents").click()
    assert len(_visible(browser, ".doc-item")) == 5
    box = browser.find_element("id", "doc-filter")
    box.send_keys("letter")
    assert len(_visible(browser, ".doc-item")) == 1
    assert "1 documents" in browser.find_element("id", "page-info").text
    _visible(browser, ".doc-item .doc-link")[0].click()
    doc = browser.find_element("css selector", "#doc-view article.doc")
    assert "OPEN LETTER" in doc.find_element("css selector", "h2").text
    passages = doc.find_elements("css selector", ".passage")
    assert len(passages) > 10
    assert doc.find_elements("css selector", ".passage.boilerplate")  # page furniture, greyed
    assert doc.find_elements("css selector", ".summary .badge")
    on = doc.find_elements("css selector", "mark.ev.on")
    assert on and doc.find_elements("css selector", "mark.ev.on.top")
    assert "lowers p by" in on[0].get_attribute("title") or "whole passage" in on[0].get_attribute("title")
    # switching the evidence control to every label highlights at least as much
    before = len(on)
    Select(browser.find_element("id", "evidence-select")).select_by_value("all")
    assert len(doc.find_elements("css selector", "mark.ev.on")) >= before
    box.clear()
    box.send_keys("\b")
    Select(browser.find_element("id", "label-filter")).select_by_index(1)
    assert all(e.get_attribute("data-label") == Select(browser.find_element("id", "label-filter")).first_selected_option.get_attribute("value")
               for e in _visible(browser, ".doc-item"))

    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    if os.environ.get("FRAMING_SCREENSHOT_DIR"):
        shutil.copy(shot, Path(os.environ["FRAMING_SCREENSHOT_DIR"]) / "report.png")
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def test_ten_thousand_passages_stay_usable(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import time

    from test_report import _synthetic

    from framing.report import write_report

    report = write_report(_synthetic(50, 200), tmp_path / "big.html")  # 50 documents x 200 passages
    t0 = time.perf_counter()
    browser.get(report.as_uri())
    loaded = time.perf_counter() - t0
    assert browser.execute_script("return document.querySelectorAll('.passage').length") == 0  # nothing rendered yet
    browser.find_element("id", "tab-documents").click()
    assert len(_visible(browser, ".doc-item")) == 25 and "page 1 of 2" in browser.find_element("id", "page-info").text
    browser.find_element("id", "next-page").click()
    assert "page 2 of 2" in browser.find_element("id", "page-info").text
    t0 = time.perf_counter()
    _visible(browser, ".doc-item .doc-link")[-1].click()
    opened = time.perf_counter() - t0
    assert browser.execute_script("return document.querySelectorAll('#doc-view .passage').length") == 200
    assert loaded < 20 and opened < 10, (loaded, opened)
    # a long document: pages of 200 passages appended by "show more passages"
    browser.get(write_report(_synthetic(1, 450), tmp_path / "long.html").as_uri() + "#doc-0")
    count = "return document.querySelectorAll('#doc-view .passage').length"
    assert browser.execute_script(count) == 200
    more = browser.find_element("css selector", "#doc-view .more")
    more.click()
    assert browser.execute_script(count) == 400
    more.click()
    assert browser.execute_script(count) == 450 and not more.is_displayed()
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
