"""Journey: an officer logs in through the real login form on a tablet-sized screen and sees the dashboard."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-1234-demo"  # tests.factories.UserFactory


def test_officer_logs_in_and_sees_the_dashboard(live_server: Any, personas: Any, tablet_page: Any) -> None:
    page = tablet_page
    static_responses: list[tuple[str, int]] = []
    page.on("response", lambda r: "/static/" in r.url and static_responses.append((r.url, r.status)))

    page.goto(f"{live_server.url}/")
    assert page.url == f"{live_server.url}/accounts/login/?next=/"
    assert page.locator("h1").inner_text() == "应急管理行政执法办案平台"

    # a wrong password: the Chinese error, still on the login page
    page.fill("#id_username", "officer1")
    page.fill("#id_password", "not-the-password")
    page.click("button[type=submit]")
    assert page.locator("#login-error").inner_text() == "用户名或密码错误，请重新输入。"
    assert "/accounts/login/" in page.url

    page.fill("#id_username", "officer1")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.title() == "工作台 · 应急管理行政执法办案平台"
    assert page.locator("#my-deadlines .card-header span").inner_text() == "我的待办期限"
    assert "王执法" in page.locator("#current-user").inner_text()
    assert "南京市浦口区应急管理局" in page.locator("#current-user").inner_text()
    # the side navigation is visible on a landscape tablet and leads to every area
    assert page.locator("#sidenav").is_visible()
    assert page.locator("#sidenav a.active").inner_text() == "工作台"

    # the vendored CSS really loaded from the live server (institutional blue header)
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.app-header')).backgroundColor")
        == "rgb(18, 64, 122)"
    )
    assert static_responses, "no static file was requested"
    assert all(status in (200, 304) for _, status in static_responses), static_responses
    assert all(url.startswith(live_server.url) for url, _ in static_responses)
    assert page.console_errors == []

    # another area through the navigation, then log out (POST form)
    page.click("#sidenav >> text=案件办理")
    page.wait_for_url(f"{live_server.url}/cases/")
    assert page.locator("#sidenav a.active").inner_text() == "案件办理"
    page.click("button.app-logout")
    page.wait_for_url(f"{live_server.url}/accounts/login/")
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url


def test_portrait_tablet_menu_opens(live_server: Any, personas: Any, tablet_page: Any) -> None:
    page = tablet_page
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "officer1")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    # below 992px the navigation folds behind the menu button
    assert not page.locator("#sidenav").is_visible()
    page.click("button.navbar-toggler")
    page.locator("#sidenav a", has_text="执法监督").wait_for(state="visible")
    assert page.locator("#quick-links").is_visible()  # quick links on the dashboard itself
    assert page.console_errors == []
