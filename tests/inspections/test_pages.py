"""Pages: scope per persona (other agencies 404), moves through the forms, the 我的待办 panel, query counts."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inspections.models import Hazard, InspectionAttachment
from tests.support.images import JPEG

PAGE_READERS = {
    "admin": 200,
    "supervisor": 200,
    "head": 200,
    "officer1": 200,
    "officer2": 200,
    "reviewer": 200,
    "assistant": 200,
    "officer_other": 404,
    "head_b": 404,
}


def _statuses(client, personas, url):
    out = {}
    for name in PAGE_READERS:
        client.force_login(getattr(personas, name))
        out[name] = client.get(url).status_code
    client.logout()
    out_anon = client.get(url).status_code
    return out, out_anon


def test_detail_pages_are_scoped(client, world):
    h = world.hazard()
    for url in (
        f"/inspections/hazards/{h.pk}/",
        f"/inspections/records/{h.inspection_id}/",
        f"/inspections/schemes/{h.inspection.scheme_id}/",
    ):
        statuses, anon = _statuses(client, world.personas, url)
        assert statuses == PAGE_READERS, url
        assert anon == 302


def test_index_lists_only_the_scope_with_constant_queries(client, world, django_assert_max_num_queries):
    for _ in range(3):
        world.hazard()
    client.force_login(world.personas.officer1)
    with django_assert_max_num_queries(12):
        small = client.get("/inspections/").content.decode()
    for _ in range(3):
        world.hazard()
    with django_assert_max_num_queries(12):
        big = client.get("/inspections/").content.decode()
    assert small.count("除尘器未设置泄爆装置") == 3 and big.count("除尘器未设置泄爆装置") == 6
    client.force_login(world.personas.officer_other)
    assert "除尘器未设置泄爆装置" not in client.get("/inspections/").content.decode()


def test_the_record_page_offers_a_camera_upload_and_refuses_a_disguised_file(client, world):
    insp = world.inspection()
    client.force_login(world.personas.officer1)
    html = client.get(f"/inspections/records/{insp.pk}/").content.decode()
    assert 'accept="image/*" capture="environment"' in html
    assert 'data-draft-key="inspection-' in html
    r = client.post(
        f"/inspections/records/{insp.pk}/attach/",
        {"file": SimpleUploadedFile("现场.png", b"GIF89a" + b"\x00" * 50)},
        follow=True,
    )
    assert "图片文件已损坏或格式不完整" in r.content.decode()
    assert not InspectionAttachment.objects.exists()
    # the head is not on the team: 403 with the reason
    client.force_login(world.personas.head)
    r = client.post(f"/inspections/records/{insp.pk}/attach/", {"file": SimpleUploadedFile("a.jpg", JPEG)})
    assert r.status_code == 403


def test_hazard_page_moves_and_explains_blocked_moves(client, world):
    h = world.hazard()
    client.force_login(world.personas.officer1)
    html = client.get(f"/inspections/hazards/{h.pk}/").content.decode()
    assert 'data-action="order_rectification"' in html
    r = client.post(
        f"/inspections/hazards/{h.pk}/order_rectification/",
        {"order_rectification-deadline": "2026-06-30", "order_rectification-onsite_measures": ""},
        follow=True,
    )
    html = r.content.decode()
    assert "已责令限期整改" in html and "（浦）应急责改〔2026〕1号" in html
    assert "报告负责人暂不可办理：整改期限尚未届满且未经复查认定逾期，无需报告负责人" in html
    assert Hazard.objects.get(pk=h.pk).status == "rectifying"
    # officer_other cannot even see it
    client.force_login(world.personas.officer_other)
    assert (
        client.post(f"/inspections/hazards/{h.pk}/recheck/", {"recheck-result": "rectified"}).status_code
        == 404
    )


@pytest.mark.parametrize("who,expected", [("officer1", ["todo-rechecks"]), ("head", ["todo-overdue"])])
def test_my_todo_panel(client, world, who, expected):
    world.hazard_in("rectifying")
    world.hazard_in("overdue")
    client.force_login(getattr(world.personas, who))
    html = client.get("/").content.decode()
    assert "我的待办（监督检查）" in html
    for block in expected:
        section = re.search(rf'id="{block}">(.*?)</ul>', html, re.S).group(1)
        assert "南京浦口金属制品有限公司" in section
