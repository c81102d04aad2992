#!/usr/bin/env python3
"""The web page in a real headless Chromium (Debian's chromium and chromium-driver, PyPI's
selenium): opens /?q="代表建议", sees <mark> highlights and section paths, focuses the search
box with /, exports CSV and JSON, clicks a year bar, switches to KWIC, opens a document, sees
its headings and steps to the next hit; also at 360 px wide; then clicks a collection facet
and clears it. Exits non-zero on failure.

    python3 Tests/WebBrowser/web_page_test.py http://127.0.0.1:8080 [--screenshots DIR]
"""
import argparse
import json
import os
import sys
import urllib.parse

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


def browser(width, height):
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", "--lang=zh-CN"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def run(base, screenshots):
    driver = browser(1280, 900)
    wait = WebDriverWait(driver, 15)
    shot = lambda name: screenshots and driver.save_screenshot(os.path.join(screenshots, name))
    try:
        driver.get(base + "/?q=" + urllib.parse.quote('"代表建议"'))
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#hits mark")))
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#chart .bar")))
        marks = driver.find_elements(By.CSS_SELECTOR, "#hits mark")
        check(all(m.text == "代表建议" for m in marks), f"highlights are {[m.text for m in marks]}")
        check("代表建议" in driver.find_element(By.ID, "parsed").text, "the parsed query is not shown")
        shot("results.png")

        # Section paths on the cards: shortened text, the whole path in the tooltip.
        sections = driver.find_elements(By.CSS_SELECTOR, "#hits .section-path")
        check(sections, "no result card shows its section path")
        check(all(s.get_attribute("title") and s.text for s in sections), "a section path is empty or has no tooltip")
        check(any(" › " in s.get_attribute("title") for s in sections), "no card shows a nested section path")

        # `/` focuses the search box from anywhere on the page.
        driver.find_element(By.TAG_NAME, "body").send_keys("/")
        check(driver.switch_to.active_element.get_attribute("id") == "q", "/ does not focus the search box")
        driver.switch_to.active_element.send_keys(Keys.ESCAPE)

        # CSV and JSON export of the view, with the query in the file: the downloads the
        # buttons start are caught and read back.
        driver.execute_script("window.downloads = []; HTMLAnchorElement.prototype.click = function () { window.downloads.push([this.download, this.href]); };")
        driver.find_element(By.ID, "export-csv").click()
        driver.find_element(By.ID, "export-json").click()
        (csv_name, csv_url), (json_name, json_url) = driver.execute_script("return window.downloads")
        read = lambda url: driver.execute_async_script("fetch(arguments[0]).then((r) => r.text()).then(arguments[1])", url)
        csv_rows = read(csv_url).lstrip("\ufeff").splitlines()
        check(csv_name.endswith("-results.csv") and csv_rows[0].startswith("query,rank,"), f"the CSV is {csv_name}: {csv_rows[:1]}")
        check(len(csv_rows) == 11 and all(r.startswith('"""代表建议"""') for r in csv_rows[1:]), f"CSV rows: {csv_rows[1:3]}")
        exported = json.loads(read(json_url))
        check(json_name.endswith("-results.json") and exported["query"] == '"代表建议"' and len(exported["hits"]) == 10,
              f"the JSON is {json_name}: {str(exported)[:120]}")

        # A year bar with occurrences: clicking it filters to that year.
        bars = [b for b in driver.find_elements(By.CSS_SELECTOR, "#chart .bar")
                if "次，" in b.find_element(By.TAG_NAME, "title").get_attribute("textContent")
                and not b.find_element(By.TAG_NAME, "title").get_attribute("textContent").split("：")[1].startswith("0 次")]
        check(bars, "no year bar has occurrences")
        year = bars[-1].get_attribute("data-year")
        driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", bars[-1])
        wait.until(lambda d: f"years={year}" in d.current_url)
        wait.until(lambda d: f"（{year} 年）" in d.find_element(By.ID, "total").text)
        years = {e.text for e in driver.find_elements(By.CSS_SELECTOR, "#hits .year")}
        check(years == {year}, f"after clicking {year} the hits are of {years}")

        driver.find_element(By.CSS_SELECTOR, "#tabs [data-view=kwic]").click()
        wait.until(lambda d: "view=kwic" in d.current_url)
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#kwic mark")))
        lines = driver.find_elements(By.CSS_SELECTOR, "#kwic tr")
        check(all(l.find_element(By.CSS_SELECTOR, ".match").text == "代表建议" for l in lines), "a KWIC line's match differs")
        kwic_sections = [c.get_attribute("title") for c in driver.find_elements(By.CSS_SELECTOR, "#kwic td.section-path")]
        check(len(kwic_sections) == len(lines), "a KWIC line lacks its section column")
        check(any(kwic_sections), "no KWIC line shows a section path")
        shot("kwic.png")

        # Without the year filter, open a document from the concordance and step through its hits.
        driver.find_element(By.ID, "clear-years").click()
        wait.until(lambda d: "years=" not in d.current_url)
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#kwic tr")) > len(lines))
        # The document with the most lines, so that there is a next hit to step to.
        rows = driver.find_elements(By.CSS_SELECTOR, "#kwic tr")
        titles = [r.get_attribute("data-document") for r in rows]
        rows[max(range(len(rows)), key=lambda i: titles.count(titles[i]))].click()
        wait.until(lambda d: "view=doc" in d.current_url)
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#doc-text mark.current")))
        label = driver.find_element(By.ID, "hit-label").text
        check(label.startswith("第 1 / "), f"the hit label reads {label!r}")
        total = int(label.split("/ ")[1].split(" ")[0])
        first = driver.find_element(By.CSS_SELECTOR, "#doc-text mark.current").location
        driver.find_element(By.ID, "next-hit").click()
        check(total > 1, f"the document opened has {total} hit(s); the test needs two")
        wait.until(lambda d: d.find_element(By.ID, "hit-label").text.startswith("第 2 / "))
        check("hit=1" in driver.current_url, "the hit is not in the URL")
        check(driver.find_element(By.CSS_SELECTOR, "#doc-text mark.current").location != first, "the current hit did not move")
        # Headings are headings, and the bar names the section of the current hit.
        headings = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "#doc-text .doc-heading")]
        check(headings, "the document view shows no headings")
        where = driver.find_elements(By.CSS_SELECTOR, "#hit-section .section-path")
        check(where and where[0].get_attribute("title").split(" › ")[-1] in headings,
              f"the current hit's section {[w.get_attribute('title') for w in where]} is not among the headings")
        shot("document.png")
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ARROW_LEFT)
        wait.until(lambda d: d.find_element(By.ID, "hit-label").text.startswith("第 1 / "))

        # The link reproduces the view.
        url = driver.current_url
        doc_query = "doc=" + urllib.parse.parse_qs(urllib.parse.urlparse(url).query)["doc"][0]
        driver.get(url)
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#doc-text mark.current")))
    finally:
        driver.quit()

    narrow = browser(360, 740)
    narrow.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": True})
    try:
        narrow.get(base + "/?q=" + urllib.parse.quote('"代表建议"'))
        WebDriverWait(narrow, 15).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#hits mark")))
        overflow = narrow.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        check(overflow <= 0, f"at 360 px the page is {overflow} px too wide")
        if screenshots:
            narrow.save_screenshot(os.path.join(screenshots, "narrow.png"))
            for view, ready in (("kwic", "#kwic mark"), ("doc", "#doc-text mark.current")):
                narrow.get(base + "/?q=" + urllib.parse.quote('"代表建议"') + "&view=" + view + "&" + doc_query)
                WebDriverWait(narrow, 15).until(EC.presence_of_element_located((By.CSS_SELECTOR, ready)))
                narrow.save_screenshot(os.path.join(screenshots, f"narrow-{view}.png"))
    finally:
        narrow.quit()

    # After the rest, as it needs the library's collection filter.
    driver = browser(1280, 900)
    wait = WebDriverWait(driver, 15)
    try:
        # A collection facet filters and goes into the URL; a second click clears it.
        driver.get(base + "/?q=" + urllib.parse.quote('"代表建议"'))
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-facet=collection] button")))
        buttons = driver.find_elements(By.CSS_SELECTOR, "[data-facet=collection] button:not([disabled])")
        check(len(buttons) > 1, f"{len(buttons)} collection facets to click")
        name = buttons[-1].get_attribute("data-key")
        buttons[-1].click()
        wait.until(lambda d: "collection=" + urllib.parse.quote(name) in d.current_url)
        wait.until(lambda d: f"文集 {name}" in d.find_element(By.ID, "total").text)
        paths = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#hits .path")]
        check(paths and all(f"/{name}/" in p for p in paths), f"after clicking {name} the hits are {paths}")
        driver.find_element(By.CSS_SELECTOR, f"[data-facet=collection] button[data-key='{name}']").click()
        wait.until(lambda d: "collection=" not in d.current_url)
        wait.until(lambda d: "文集" not in d.find_element(By.ID, "total").text)
    finally:
        driver.quit()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--screenshots")
    arguments = parser.parse_args()
    if arguments.screenshots:
        os.makedirs(arguments.screenshots, exist_ok=True)
    try:
        run(arguments.base.rstrip("/"), arguments.screenshots)
    except Exception as error:
        print(f"web page test failed: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
    print("web page test passed")
