"""The web shell end to end: log in, open the demo project and its task, switch to French."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server


def login(page: Page, server: Server) -> None:
    page.goto(server.url + "/")
    page.get_by_test_id("login-username").fill(server.username)
    page.get_by_test_id("login-password").fill(server.password)
    page.get_by_test_id("login-submit").click()


def test_login_then_demo_project_then_its_task_shows_the_images(page: Page, server: Server) -> None:
    login(page, server)
    project = page.get_by_test_id("project-row").filter(has_text="Demo: street scenes")
    expect(project).to_be_visible()
    project.get_by_role("link").first.click()
    expect(page.get_by_text("car", exact=True).first).to_be_visible()
    task = page.get_by_test_id("task-row").filter(has_text="Street scenes")
    task.get_by_role("link").first.click()
    tiles = page.get_by_test_id("media-tile")
    expect(tiles).to_have_count(6)
    expect(tiles.first).to_contain_text("street_01.jpg")
    image = tiles.first.locator("img")
    expect(image).to_be_visible()
    # The thumbnail really decoded (a broken image is visible too, with a natural width of 0).
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())


def test_a_wrong_password_shows_the_error_and_stays_on_the_login_page(page: Page, server: Server) -> None:
    page.goto(server.url + "/")
    page.get_by_test_id("login-username").fill(server.username)
    page.get_by_test_id("login-password").fill("not the password")
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_role("alert")).to_contain_text("wrong username or password")
    expect(page.get_by_test_id("login-submit")).to_be_visible()


def test_the_interface_switches_to_french(page: Page, server: Server) -> None:
    login(page, server)
    expect(page.get_by_test_id("project-row").first).to_be_visible()
    switch = page.get_by_test_id("locale-switch")
    if switch.evaluate("el => el.tagName") == "SELECT":
        switch.select_option("fr")
    else:
        switch.click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name="Projets")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Projets")).to_be_visible()
