"""The caseworker page in a real headless browser: Debian's chromium, driven by Selenium through Debian's
chromium-driver (no browser build is ever downloaded). A § 100 case and a § 97 bank, typed by keyboard in Danish
formats: fill, submit, read the amount and the explanation.

The test skips only where no browser can be had on this machine; under CI (``CI`` set) a missing browser fails.
``.ci/run`` installs ``chromium`` and ``chromium-driver`` itself.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from tests.server.conftest import Served

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


def _no_browser(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"the browser test must run in CI: {reason} (apt-get install chromium chromium-driver)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _no_browser("selenium is not installed")
    if CHROMIUM is None or DRIVER is None:
        _no_browser("Debian's chromium and chromium-driver are not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1200,1600", "--no-first-run", "--disable-extensions"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=options)
    driver.set_page_load_timeout(30)
    driver.implicitly_wait(10)  # a click that submits a form does not wait for the next page: find_element does
    yield driver
    driver.quit()


def _choose(driver: object, server: Served, label: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver.get(server.url + "/")  # type: ignore[attr-defined]
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "da"  # type: ignore[attr-defined]
    Select(driver.find_element(By.ID, "regel")).select_by_visible_text(label)  # type: ignore[attr-defined]
    driver.find_element(By.XPATH, "//button[text()='Vælg regel']").click()  # type: ignore[attr-defined]


def _type(driver: object, label: str, text: str) -> None:
    """Find the field by its visible label (as a person would) and type into it."""
    from selenium.webdriver.common.by import By

    lab = driver.find_element(By.XPATH, f"//label[starts-with(normalize-space(.), '{label}')]")  # type: ignore
    field = driver.find_element(By.ID, lab.get_attribute("for"))  # type: ignore[attr-defined]
    field.clear()
    field.send_keys(text)


def test_a_section_100_case(browser: object, server: Served) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _choose(browser, server, "§ 100 Merudgiftsydelse / kompensationsydelse")
    _type(browser, "Sandsynlige merudgifter", "1.800,50")
    _type(browser, "Afgørelsens dato", "01.03.2024" + Keys.ENTER)  # submitted from the keyboard
    amount = browser.find_element(By.ID, "beloeb").text  # type: ignore[attr-defined]
    assert amount == "2.277,00 kr. om måneden"
    letter = browser.find_element(By.ID, "brevtekst").get_attribute("value")  # type: ignore[attr-defined]
    assert letter.startswith("Merudgiftsydelse efter serviceloven § 100")
    assert "Beløb: 2.277,00 kr." in letter
    note = browser.find_element(By.ID, "notat").text  # type: ignore[attr-defined]
    assert "Anvendte satser" in note
    copy = browser.find_element(By.ID, "kopier")  # type: ignore[attr-defined]
    assert copy.is_displayed()  # the script ran and showed the copy button
    copy.click()
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 10).until(  # type: ignore[arg-type]
        ec.text_to_be_present_in_element((By.ID, "kopieret"), "Brevteksten er kopieret."))


def test_a_section_97_bank(browser: object, server: Served) -> None:
    from selenium.webdriver.common.by import By

    _choose(browser, server, "§ 97 Ledsageordning: timebanken")
    _type(browser, "Timebankens første måned", "01.2024")
    _type(browser, "Brugte timer", "03.2024 20\n04.2024 7,5")
    _type(browser, "Vis saldoen for måneden", "04.2024")
    browser.find_element(By.ID, "beregn").click()  # type: ignore[attr-defined]
    amount = browser.find_element(By.ID, "beloeb").text  # type: ignore[attr-defined]
    assert amount == "Saldo 32,5 timer ved udgangen af april 2024"
    letter = browser.find_element(By.ID, "brevtekst").get_attribute("value")  # type: ignore[attr-defined]
    assert letter.startswith("Ledsageordning efter serviceloven § 97: timebanken\nI april 2024 får du 15 timer")
    assert "Ved udgangen af april 2024 har du 32,5 timer tilbage" in letter


def test_a_refusal_points_at_the_field(browser: object, server: Served) -> None:
    from selenium.webdriver.common.by import By

    _choose(browser, server, "§ 100 Merudgiftsydelse / kompensationsydelse")
    _type(browser, "Sandsynlige merudgifter", "-5")
    _type(browser, "Afgørelsens dato", "01.03.2024")
    browser.find_element(By.ID, "beregn").click()  # type: ignore[attr-defined]
    alert = browser.find_element(By.CSS_SELECTOR, "[role=alert]")  # type: ignore[attr-defined]
    assert "expenses" in alert.text or "merudgifter" in alert.text
    field = browser.find_element(By.ID, "f-expenses")  # type: ignore[attr-defined]
    assert field.get_attribute("aria-invalid") == "true"
    assert field.get_attribute("value") == "-5"  # what was typed is kept
