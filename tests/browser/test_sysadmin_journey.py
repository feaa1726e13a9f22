"""Journey at 1024×768: the city's 系统管理员 creates an account in 系统管理; the new officer signs in with
the temporary password, is made to choose their own (the policy shown and enforced), and works."""

from __future__ import annotations

from typing import Any

import pytest

from enforcement.core.models import AuditEvent, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-1234-demo"  # tests.factories.UserFactory


def _login(page: Any, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")


def test_admin_creates_an_account_and_the_officer_sets_a_password(
    live_server: Any, personas: Any, tablet_page: Any
) -> None:
    page, base = tablet_page, live_server.url
    _login(page, base, "cityadmin", PASSWORD)
    page.wait_for_url(f"{base}/")
    page.click("#sidenav >> text=系统管理")
    page.wait_for_url(f"{base}/sysadmin/")
    page.click("#sysadmin-tabs >> text=用户账号")
    page.click("#user-create-link")
    page.wait_for_url(f"{base}/sysadmin/users/new/")
    page.fill("#id_username", "officer9")
    page.fill("#id_real_name", "冯执法")
    page.select_option("#id_agency", label="南京市浦口区应急管理局")
    page.locator("#user-form").get_by_label("执法人员", exact=True).check()
    button = page.locator("#user-form button[type=submit]")
    button.scroll_into_view_if_needed()
    assert button.bounding_box()["height"] >= 44  # finger-sized on a tablet
    button.click()
    temporary = page.locator("#temporary-password").inner_text().strip()
    assert len(temporary) == 12
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024  # no sideways scrolling
    assert User.objects.get(username="officer9").must_change_password is True
    page.click("button.app-logout")
    page.wait_for_url(f"{base}/accounts/login/")

    # the new officer: the temporary password leads straight to 修改密码
    _login(page, base, "officer9", temporary)
    page.wait_for_url(f"{base}/account/password/?next=%2F")
    assert page.locator("#password-forced").is_visible()
    assert "密码至少10位" in page.locator("#password-form .form-text").first.inner_text()
    page.fill("#id_old_password", temporary)
    page.fill("#id_new_password1", "feng2026zhifa")  # two classes only: refused, the reason shown
    page.fill("#id_new_password2", "feng2026zhifa")
    page.click("#password-form button[type=submit]")
    assert (
        "密码须包含大写字母、小写字母、数字、符号中的至少3类" in page.locator("#password-form").inner_text()
    )
    page.fill("#id_old_password", temporary)
    page.fill("#id_new_password1", "Feng-Zhifa-2026")
    page.fill("#id_new_password2", "Feng-Zhifa-2026")
    page.click("#password-form button[type=submit]")
    page.wait_for_url(f"{base}/")
    assert "密码已修改" in page.locator("main").inner_text()
    assert "冯执法" in page.locator("#current-user").inner_text()
    page.click("#sidenav >> text=案件办理")  # no longer held at the password page
    page.wait_for_url(f"{base}/cases/")
    # the refused form came back with status 400 (Chromium logs that); nothing else went wrong
    assert [e for e in page.console_errors if "status of 400" not in e] == []
    assert list(
        AuditEvent.objects.filter(action__startswith="user.")
        .order_by("seq")
        .values_list("action", "actor__username")
    ) == [("user.create", "cityadmin"), ("user.change_password", "officer9")]
