"""The shell: Chinese login page, dashboard with navigation to every area and the 我的待办 panel."""

from __future__ import annotations

import pytest
from django.test import Client

from enforcement.core.context_processors import NAV_ITEMS

AREAS = ["/inspections/", "/cases/", "/discretion/", "/training/", "/supervision/"]


@pytest.mark.django_db
def test_login_page_is_chinese(client: Client) -> None:
    body = client.get("/accounts/login/").content.decode()
    assert '<html lang="zh-CN">' in body
    assert "应急管理行政执法办案平台" in body
    assert ">用户名<" in body and ">密码<" in body and ">登录<" in body


@pytest.mark.django_db
def test_anonymous_dashboard_redirects_to_login(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_dashboard_shows_tasks_panel_user_and_every_area(client: Client, personas) -> None:
    client.force_login(personas.officer1)
    body = client.get("/").content.decode()
    assert "我的待办 / 期限" in body
    assert "王执法" in body and "南京市浦口区应急管理局" in body
    for item in NAV_ITEMS:
        assert f'href="{item["url"]}">{item["label"]}</a>' in body
    assert 'action="/accounts/logout/"' in body
    assert "系统管理" not in body  # only staff see the admin link


def test_staff_see_the_admin_link(client: Client, personas) -> None:
    client.force_login(personas.cityadmin)
    assert 'href="/admin/">系统管理</a>' in client.get("/").content.decode()


def test_each_app_area_opens_with_its_nav_item_active(client: Client, personas) -> None:
    client.force_login(personas.officer1)
    labels = {item["url"]: item["label"] for item in NAV_ITEMS}
    for url in AREAS:
        response = client.get(url, follow=True)  # /training/ sends an officer to their own page
        assert response.status_code == 200, url
        assert f'active" aria-current="page" href="{url}">{labels[url]}</a>' in response.content.decode()


def test_static_assets_are_vendored_locally(client: Client, personas) -> None:
    client.force_login(personas.officer1)
    body = client.get("/").content.decode()
    assert 'href="/static/vendor/bootstrap/css/bootstrap.min.css"' in body
    assert 'src="/static/vendor/htmx/htmx.min.js"' in body
    assert "//cdn" not in body


def test_a_logged_in_user_opening_the_login_page_goes_to_the_dashboard(client: Client, personas) -> None:
    client.force_login(personas.officer1)
    response = client.get("/accounts/login/")
    assert response.status_code == 302
    assert response["Location"] == "/"
