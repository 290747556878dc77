"""The browser test of Spor's web pages, run by scripts/browser-test.sh against `spor serve --demo`.

Signs in as the demo staff member, fills in a WHO-5 for a demo citizen with the keyboard only, submits, checks
the score and the change on the result page, opens the citizen page and the attention list, signs in as the
demo case worker for the trends page, checks each page against WCAG 2 A and AA with axe-core, and saves a
screenshot of each page. The Danish trends page must write its decimals with a comma.
"""

import argparse
import os
import re
import sys
import time
import urllib.request

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains

CITIZEN = "demo-02"  # seen in bostotte-nord, the demo staff token's unit
ANSWERS = [3, 4, 2, 3, 1]  # raw 13, score 52


def wait_until_up(base):
    for _ in range(300):
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    sys.exit("the server did not start")


def demo_tokens(path):
    for _ in range(100):
        text = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
        tokens = dict(re.findall(r"^\s+(\w+) token: (\S+)$", text, re.MULTILINE))
        if "staff" in tokens and "caseworker" in tokens:
            return tokens
        time.sleep(0.1)
    sys.exit("no demo tokens printed")


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,900", "--lang=da"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def accessible(driver, name):
    """Checks the page against the WCAG 2 A and AA rules of axe-core (labels, contrast, language, ...)."""
    axe = Axe(driver)
    axe.inject()
    results = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})"
        ".then(done, function (error) { done({error: String(error)}); });")
    check("error" not in results, name + ": axe-core failed: " + str(results.get("error")))
    check(not results["violations"], name + ": " + axe.report(results["violations"]))


def screenshot(driver, folder, name):
    accessible(driver, name)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1100, max(600, min(height + 120, 6000)))
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(os.path.join(folder, name + ".png"))
    driver.set_window_size(1100, 900)


def wait_for_url(driver, fragment):
    """Waits until the address contains `fragment` (a submitted form loads the next page)."""
    for _ in range(100):
        if fragment in driver.current_url:
            return
        time.sleep(0.05)
    sys.exit("FAILED: expected a page at %s, not %s" % (fragment, driver.current_url))


def check(condition, message):
    if not condition:
        sys.exit("FAILED: " + message)


def keys(driver, *sequence):
    ActionChains(driver).send_keys(*sequence).perform()


def tab_to(driver, predicate, what, limit=40):
    """Presses Tab until the focused element satisfies `predicate`."""
    for _ in range(limit):
        keys(driver, Keys.TAB)
        if predicate(driver.switch_to.active_element):
            return driver.switch_to.active_element
    sys.exit("FAILED: could not reach " + what + " with Tab")


def is_save_button(element):
    return element.tag_name == "button" and element.text == "Gem besvarelse"


def sign_in(driver, base, token):
    driver.get(base + "/sign-in")
    field = driver.find_element(By.ID, "token")
    check(driver.switch_to.active_element == field, "the token field has focus on the sign-in page")
    keys(driver, token, Keys.ENTER)
    for _ in range(100):
        if "/sign-in" not in driver.current_url:
            return
        time.sleep(0.05)
    sys.exit("FAILED: sign-in did not lead on")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--tokens", required=True)
    parser.add_argument("--screenshots", required=True)
    arguments = parser.parse_args()
    os.makedirs(arguments.screenshots, exist_ok=True)
    base = arguments.base
    wait_until_up(base)
    tokens = demo_tokens(arguments.tokens)
    started = time.time()
    driver = browser()
    try:
        driver.get(base + "/sign-in?lang=da")  # remembered in a cookie, whatever the browser's languages
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "da", "the page declares Danish")
        screenshot(driver, arguments.screenshots, "1-sign-in")
        sign_in(driver, base, tokens["staff"])
        wait_for_url(driver, "/responses/new")

        # Saving the empty form shows it again with the errors, which must be as accessible as the form.
        tab_to(driver, is_save_button, "the save button", limit=80)
        keys(driver, Keys.ENTER)
        for _ in range(100):
            if driver.find_elements(By.CSS_SELECTOR, ".summary-errors"):
                break
            time.sleep(0.05)
        errors = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".summary-errors li")]
        check(len(errors) == 6, "the empty form lists six errors: %s" % errors)
        accessible(driver, "new-response with errors")

        # The WHO-5, keyboard only: Tab to the citizen field, type, Tab to each question, Space and arrows.
        tab_to(driver, lambda e: e.get_attribute("id") == "citizen", "the citizen field")
        keys(driver, CITIZEN)
        for number, value in enumerate(ANSWERS, start=1):
            focused = tab_to(driver, lambda e: (e.get_attribute("name") or "") == "item%d" % number, "question %d" % number)
            check(focused.get_attribute("type") == "radio", "question %d is a radio group" % number)
            keys(driver, Keys.SPACE)
            for _ in range(value):
                keys(driver, Keys.ARROW_RIGHT)
            chosen = driver.find_element(By.CSS_SELECTOR, "input[name=item%d]:checked" % number)
            check(chosen.get_attribute("value") == str(value), "question %d answered %d" % (number, value))
        screenshot(driver, arguments.screenshots, "2-new-response")
        tab_to(driver, is_save_button, "the save button")
        keys(driver, Keys.ENTER)

        for _ in range(100):
            if "/responses/new" not in driver.current_url:
                break
            time.sleep(0.05)
        check(re.search(r"/responses/[0-9a-f-]{36}$", driver.current_url), "the result page follows: " + driver.current_url)
        score = driver.find_element(By.CSS_SELECTOR, "p.score").text
        check(score.startswith("52"), "the score is 52, not " + score)
        change = driver.find_element(By.ID, "change-previous").text
        check(change.startswith("Siden sidste besvarelse") and " point: " in change, "the change since the last response: " + change)
        check(driver.find_element(By.ID, "change-baseline").text.startswith("Siden udgangspunktet"), "the change since baseline")
        check(len(driver.find_elements(By.CSS_SELECTOR, "figure svg")) >= 1, "the trajectory chart")
        screenshot(driver, arguments.screenshots, "3-result")

        driver.find_element(By.LINK_TEXT, "Se borgerens side").click()
        wait_for_url(driver, "/citizens/" + CITIZEN)
        check(driver.find_element(By.TAG_NAME, "h1").text == "Borger " + CITIZEN, "the citizen page")
        check(len(driver.find_elements(By.CSS_SELECTOR, "figure svg")) == 3, "two trajectory charts and the CHIME bars")
        screenshot(driver, arguments.screenshots, "4-citizen")

        driver.find_element(By.LINK_TEXT, "Opmærksomhed").click()
        wait_for_url(driver, "/attention")
        check(driver.find_element(By.TAG_NAME, "h1").text == "Opmærksomhed", "the attention list")
        rows = driver.find_elements(By.CSS_SELECTOR, "tbody tr")
        check(all(row.find_elements(By.CSS_SELECTOR, "ul.reasons li") for row in rows), "every row says why")
        screenshot(driver, arguments.screenshots, "5-attention")

        driver.find_element(By.CSS_SELECTOR, "form.sign-out button").click()
        wait_for_url(driver, "/sign-in")
        sign_in(driver, base, tokens["caseworker"])
        driver.get(base + "/trends?instrument=who5&period=quarter&by=unit")
        check(driver.find_element(By.TAG_NAME, "h1").text == "Tendenser", "the trends page")
        check(len(driver.find_elements(By.CSS_SELECTOR, "tbody tr")) > 0, "the trend table has rows")
        figures = [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, "tbody td.number")]
        check(any(re.fullmatch(r"\d+,\d", text) for text in figures),
              "the Danish trends page writes decimals with a comma: %s" % figures[:12])
        check(not any(re.fullmatch(r"\d+\.\d+", text) for text in figures), "no decimal point on a Danish page")
        screenshot(driver, arguments.screenshots, "6-trends")
    finally:
        driver.quit()
    print("browser test: %d pages in %.1f s" % (6, time.time() - started))


if __name__ == "__main__":
    main()
