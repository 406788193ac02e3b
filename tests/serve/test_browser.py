"""The page in a real browser (ctest label `browser`): headless Chromium
fills the form for PCD 785 (£5.6m grant acceptance on 2020-06-01), first
signed by the DMPC, then by the Commissioner, and reads the verdicts;
screenshots go to docs/serve/ when REMIT_SCREENSHOTS=DIR names it. Skips
(77) without Chromium, unless REMIT_REQUIRE_BROWSER=1.
Usage: test_browser.py REMIT SOURCE_DIR WORKDIR"""
import os
import shutil
import sys
import tempfile

from serve_support import Checks, Server, fresh_dir

remit, source, work = sys.argv[1], sys.argv[2], sys.argv[3]
required = os.environ.get("REMIT_REQUIRE_BROWSER") == "1"
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
driver_path = "/usr/bin/chromedriver"
try:
    from selenium import webdriver
    from selenium.webdriver.common.by import By
    from selenium.webdriver.chrome.service import Service as ChromeService
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    webdriver = None
if not chromium or not os.path.exists(driver_path) or webdriver is None:
    print("chromium, chromedriver or python3-selenium is missing")
    sys.exit(1 if required else 77)

fresh_dir(work)
shots = os.environ.get("REMIT_SCREENSHOTS", work)
server = Server(remit, ["--scheme", os.path.join(source, "rules"), "--log", os.path.join(work, "log.db")])
profile = tempfile.mkdtemp(dir=work)
options = webdriver.ChromeOptions()
options.binary_location = chromium
for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--window-size=1000,1400", f"--user-data-dir={profile}"):
    options.add_argument(flag)
browser = webdriver.Chrome(service=ChromeService(executable_path=driver_path), options=options)
check = Checks()


def reloaded_after(action):
    """Runs `action`, which submits a form, and waits until the page it
    brings has loaded: a loaded machine may take seconds, and reading the
    old page meanwhile would test nothing."""
    old = browser.find_element(By.TAG_NAME, "html")
    action()
    WebDriverWait(browser, 60).until(expected_conditions.staleness_of(old))
    WebDriverWait(browser, 60).until(lambda b: b.execute_script("return document.readyState") == "complete")


def decide(approver, shot):
    browser.get(f"http://127.0.0.1:{server.port}/")
    scheme = Select(browser.find_element(By.ID, "scheme"))
    if scheme.first_selected_option.get_attribute("value") != "mopac":
        reloaded_after(lambda: scheme.select_by_value("mopac"))  # the script resubmits on change
    date = browser.find_element(By.ID, "date")
    reloaded_after(lambda: browser.execute_script(
        "arguments[0].value = '2020-06-01'; arguments[0].dispatchEvent(new Event('change'));", date))
    kind = Select(browser.find_element(By.ID, "kind"))  # the form of version 2020
    reloaded_after(lambda: kind.select_by_value("grant.acceptance"))
    browser.find_element(By.ID, "fact-amount").send_keys("£5.6m")
    browser.find_element(By.ID, "id").send_keys("PCD 785")
    browser.find_element(By.ID, f"approver-{approver}").click()
    browser.save_screenshot(os.path.join(shots, f"{shot}-form.png"))
    reloaded_after(lambda: browser.find_element(By.ID, "decide").click())
    found = browser.find_elements(By.ID, "outcome")
    if not found:
        print("no verdict; the page says:", browser.find_element(By.TAG_NAME, "body").text)
        return None, ""
    outcome = found[0].text
    browser.save_screenshot(os.path.join(shots, f"{shot}-verdict.png"))
    return outcome, browser.find_element(By.TAG_NAME, "main").text


try:
    outcome, text = decide("DMPC", "pcd785-dmpc")
    check(outcome == "authorised", f"DMPC: authorised, got {outcome}")
    check("para 4.8" in text, "para 4.8 cited")
    outcome, text = decide("Commissioner", "pcd785-commissioner")
    check(outcome == "not_authorised", f"Commissioner: not_authorised, got {outcome}")
    check(browser.find_element(By.ID, "lowest").text == "DMPC", "DMPC lowest")
    logs = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    check(not logs, f"no errors in the console (CSP): {logs}")
finally:
    browser.quit()
    server.stop()

check.finish("browser checks passed")
