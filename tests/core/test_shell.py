"""The shell: Chinese login page, dashboard with navigation to every area and the 我的待办 panel."""

from __future__ import annotations

import re

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
    assert "<span>我的待办期限</span>" in body
    assert "王执法" in body and "南京市浦口区应急管理局" in body
    for item in NAV_ITEMS:
        assert f'href="{item["url"]}">{item["label"]}</a>' in body
    assert 'action="/accounts/logout/"' in body
    assert (
        'href="/sysadmin/"' not in body
    )  # only agency admins see the 系统管理 area (系统管理员 may be named as a contact)
    assert 'href="/account/password/">修改密码</a>' in body  # everyone changes their own password


def test_agency_admins_see_the_sysadmin_area_and_only_the_superuser_the_platform_admin(
    client: Client, personas
) -> None:
    client.force_login(personas.cityadmin)
    body = client.get("/").content.decode()
    assert 'href="/sysadmin/">系统管理</a>' in body and 'href="/admin/"' not in body
    client.force_login(personas.admin)
    body = client.get("/").content.decode()
    assert 'href="/sysadmin/">系统管理</a>' in body and 'href="/admin/">平台管理后台</a>' in body


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


# every area is built now (supervision: 案卷评查 with its own tests in tests/supervision)
PLACEHOLDERS: dict[str, tuple[str, str]] = {}


def test_areas_not_built_yet_say_what_they_will_hold_and_link_to_working_pages(
    client: Client, personas
) -> None:
    client.force_login(personas.officer1)
    for url, (title, feature) in PLACEHOLDERS.items():
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert f"<title>{title} · 应急管理行政执法办案平台</title>" in html
        assert f"<h1>{title} <small>" in html
        assert '<div class="card-header">本模块尚未开放</div>' in html
        assert feature in html
        assert "建设中" not in html
        for href in re.findall(r"目前可用：(.*?)</p>", html, re.S)[0].split("、"):
            link = re.search(r'href="([^"]+)"', href)
            assert link is not None
            assert client.get(link.group(1), follow=True).status_code == 200, link.group(1)


def test_every_nav_link_opens_for_every_persona(client: Client, personas) -> None:
    for name in ("admin", "cityadmin", "supervisor", "head", "officer1", "reviewer", "assistant", "expired"):
        client.force_login(getattr(personas, name))
        body = client.get("/").content.decode()
        for url in re.findall(r'<a class="nav-link[^"]*"(?: aria-current="page")? href="([^"]+)"', body):
            assert client.get(url, follow=True).status_code == 200, (name, url)


def test_forbidden_page_is_chinese_and_gives_the_reason(client: Client, personas) -> None:
    client.force_login(personas.officer1)
    response = client.get("/training/records/import/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "<title>无权访问 · 应急管理行政执法办案平台</title>" in html
    assert "原因：只有系统管理员可以导入培训记录" in html
    assert 'href="/">返回工作台</a>' in html


def test_not_found_page_is_chinese(client: Client, personas) -> None:
    client.force_login(personas.officer1)
    response = client.get("/enterprises/999999/")
    assert response.status_code == 404
    assert "<title>页面不存在 · 应急管理行政执法办案平台</title>" in response.content.decode()


def test_training_tabs_offer_the_import_only_to_admins(client: Client, personas) -> None:
    client.force_login(personas.officer1)
    html = client.get("/training/", follow=True).content.decode()  # their own record
    assert "合规看板" not in html and "导入培训记录" not in html
    assert 'href="/training/officers/">执法人员名册</a>' in html
    client.force_login(personas.head)
    html = client.get("/training/").content.decode()
    assert "导入培训记录" not in html and "培训要求" not in html
    client.force_login(personas.cityadmin)
    html = client.get("/training/").content.decode()
    assert 'href="/training/records/import/">导入培训记录</a>' in html
    assert "培训要求</a>" in html
