"""Chinese error pages in the product's shell and JSON API errors, with DEBUG on (demo) and off."""

from __future__ import annotations

import json

import pytest
from django.test import Client, override_settings

from enforcement.core.views.errors import too_many_requests

pytestmark = pytest.mark.django_db

SHELL = "应急管理行政执法办案平台"


@pytest.mark.parametrize("debug", [True, False])
def test_unknown_api_path_is_a_json_404(client, personas, debug):
    client.force_login(personas.officer1)
    with override_settings(DEBUG=debug):
        for url in ("/api/v1/no-such-thing/", "/api/v1/enterprises/abc/def/", "/api/nothing"):
            response = client.get(url)
            assert response.status_code == 404, url
            assert response["Content-Type"] == "application/json"
            assert json.loads(response.content) == {
                "code": "not_found",
                "detail": "对象不存在或无权查看",
                "fields": {},
            }


@pytest.mark.parametrize("debug", [True, False])
def test_unknown_page_is_the_chinese_404_in_the_shell(client, personas, debug):
    client.force_login(personas.officer1)
    with override_settings(DEBUG=debug):
        response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html and SHELL in html and 'id="sidenav"' in html
    assert "Page not found" not in html and "URLconf" not in html


def test_a_path_missing_its_slash_is_still_redirected(client, personas):
    client.force_login(personas.officer1)
    with override_settings(DEBUG=True):
        response = client.get("/enterprises")
    assert (response.status_code, response["Location"]) == (301, "/enterprises/")


@pytest.mark.parametrize("debug", [True, False])
def test_view_errors_give_chinese_pages(personas, debug):
    client = Client(raise_request_exception=False)
    client.force_login(personas.officer1)
    with override_settings(DEBUG=debug, ROOT_URLCONF="tests.support.error_urls"):
        denied = client.get("/denied/")
        suspicious = client.get("/suspicious/")
        boom = client.get("/boom/")
        api_boom = client.get("/api/v1/boom/")
    assert denied.status_code == 403
    assert "无权访问" in denied.content.decode()
    assert "只有本机构系统管理员可以执行此操作" in denied.content.decode()
    assert suspicious.status_code == 400
    assert "请求有误" in suspicious.content.decode()
    assert "raw technical detail" not in suspicious.content.decode()
    assert boom.status_code == 500
    assert "系统暂时无法处理您的请求" in boom.content.decode()
    assert "secret internals" not in boom.content.decode() and "Traceback" not in boom.content.decode()
    assert api_boom.status_code == 500
    assert json.loads(api_boom.content) == {
        "code": "server_error",
        "detail": "系统暂时无法处理您的请求，错误已记录",
        "fields": {},
    }


def test_too_many_requests_page(rf, personas):
    request = rf.get("/")
    request.user = personas.officer1
    response = too_many_requests(request)
    assert response.status_code == 429
    assert "请求过于频繁" in response.content.decode() and SHELL in response.content.decode()


def test_csrf_failure_is_a_chinese_403(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.officer1)
    response = client.post("/enterprises/new/", {"name": "x"})
    assert response.status_code == 403
    assert "页面已过期或来源无法验证" in response.content.decode()
