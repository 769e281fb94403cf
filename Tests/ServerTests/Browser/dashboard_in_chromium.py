"""Drives the dashboard in real headless Chromium through chromedriver (Selenium).

Run by Tests/ServerTests/BrowserTests.swift against a live server:

    python3 dashboard_in_chromium.py BASE_URL TOKEN ACCOUNT_PATH [SCREENSHOT.png [HEIGHT]]

Opens the portfolio, follows the first account link by clicking it, checks the account's
history chart, opens ACCOUNT_PATH (the test's account with a hostile name) and reads what
it shows, and collects the browser's console. With SCREENSHOT.png, saves that last page
1280 pixels wide and at most HEIGHT (default 4000) tall. Every request carries Authorization: Bearer TOKEN (through the DevTools
protocol), as a server started with a token requires. Prints one JSON object with what it
saw; the Swift test judges it. Exit status 3 when Selenium or chromedriver is missing.
"""
import json
import shutil
import sys

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError as error:
    print(json.dumps({"missing": "selenium (%s)" % error}))
    sys.exit(3)


def main():
    base, token, hostile_path = sys.argv[1], sys.argv[2], sys.argv[3]
    screenshot = sys.argv[4] if len(sys.argv) > 4 else None
    most = int(sys.argv[5]) if len(sys.argv) > 5 else 4000
    driver_path = shutil.which("chromedriver")
    if driver_path is None:
        print(json.dumps({"missing": "chromedriver"}))
        sys.exit(3)
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--window-size=1280,1600", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                     "--hide-scrollbars", "--force-device-scale-factor=1"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    seen = {"console": []}
    try:
        driver.set_page_load_timeout(60)
        driver.execute_cdp_cmd("Network.enable", {})
        if token:
            driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {"Authorization": "Bearer " + token}})
        wait = WebDriverWait(driver, 30)

        driver.get(base + "/")
        seen["portfolio_title"] = driver.title
        seen["portfolio_charts"] = [element.get_attribute("id") for element in driver.find_elements(By.CSS_SELECTOR, "svg.chart")]
        link = driver.find_elements(By.CSS_SELECTOR, "main a.account")[0]
        seen["clicked_name"] = link.text
        link.click()
        wait.until(expected_conditions.presence_of_element_located((By.ID, "history-chart")))
        seen["account_url"] = driver.current_url
        seen["account_heading"] = driver.find_element(By.TAG_NAME, "h1").text
        chart = driver.find_element(By.ID, "history-chart")
        seen["history_series"] = len(chart.find_elements(By.TAG_NAME, "polyline"))
        seen["history_chart_size"] = [chart.size["width"], chart.size["height"]]
        seen["history_points"] = [title.get_attribute("textContent")
                                  for title in chart.find_elements(By.CSS_SELECTOR, "rect > title, polygon > title, circle > title")]
        seen["stylesheet_applied"] = driver.find_element(By.CSS_SELECTOR, "header.top").value_of_css_property("border-bottom-style")

        driver.get(base + hostile_path)
        wait.until(expected_conditions.presence_of_element_located((By.TAG_NAME, "h1")))
        seen["hostile_heading"] = driver.find_element(By.TAG_NAME, "h1").text
        seen["hostile_scripts"] = len(driver.find_elements(By.TAG_NAME, "script"))
        seen["hostile_bold"] = len(driver.find_elements(By.CSS_SELECTOR, "main b"))
        if screenshot:
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(1280, min(max(height, 900), most))
            driver.save_screenshot(screenshot)
            seen["screenshot"] = screenshot

        for entry in driver.get_log("browser"):
            seen["console"].append({"level": entry.get("level"), "message": entry.get("message")})
    finally:
        driver.quit()
    print(json.dumps(seen))


if __name__ == "__main__":
    main()
