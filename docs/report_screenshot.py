"""Screenshot of a framing HTML report in headless Chromium (the picture in the README).

    framing predict examples --documents --level all --evidence --html /tmp/report.html
    python docs/report_screenshot.py /tmp/report.html docs/report.png --document 3
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("report")
    ap.add_argument("png")
    ap.add_argument("--document", type=int, default=0, help="index of the document opened (0: the first)")
    ap.add_argument("--passage", type=int, default=1, help="scroll to this content passage of the document")
    ap.add_argument("--size", default="1400,1000")
    args = ap.parse_args(argv)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", f"--window-size={args.size}",
                 f"--user-data-dir={tempfile.mkdtemp(prefix='chromium-')}", "--hide-scrollbars"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    try:
        driver.get(Path(args.report).resolve().as_uri())
        driver.execute_script(f"window.framingReport.openDoc({args.document})")
        content = driver.find_elements("css selector", "#doc-view .passage:not(.boilerplate)")
        if content and args.passage:
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", content[min(args.passage, len(content) - 1)])
        driver.save_screenshot(args.png)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
