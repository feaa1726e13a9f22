"""Schemes (team ≥ 2 qualified officers; experts never count; head approval) and the on-site record
(approved scheme required; people present; results line by line; photos checked by bytes; signature or
refusal with a witness; the numbered 现场检查记录 whose PDF text says so)."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from enforcement.core.exceptions import DomainError, GuardFailed, InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.models import AuditEvent, Deadline
from inspections.choices import InspectionStatus, SchemeStatus
from inspections.models import Inspection, InspectionAttachment, InspectionScheme
from inspections.services import hazards, records, schemes
from tests.support.images import JPEG


def test_team_needs_two_officers_who_may_enforce_the_item(world):
    p = world.personas
    for bad in (p.assistant, p.expired, p.reviewer):
        with pytest.raises(GuardFailed) as exc:
            world.scheme(approved=False, officers=[p.officer1, bad])
        assert exc.value.code == "scheme.team_qualified"
        assert exc.value.message.startswith("须至少2名持有效执法证的执法人员，当前符合条件的仅1名（")
        assert bad.real_name in exc.value.message
    assert not InspectionScheme.objects.exists()


def test_experts_never_count_and_are_kept(world):
    p = world.personas
    with pytest.raises(GuardFailed):
        world.scheme(approved=False, officers=[p.officer1])
    scheme = world.scheme(approved=False)
    assert [e.name for e in scheme.experts.all()] == ["张专家"]
    assert sorted(scheme.members.values_list("user__username", "role")) == [
        ("officer1", "leader"),
        ("officer2", "member"),
    ]


def test_only_the_head_approves_and_a_return_needs_a_reason(world):
    p = world.personas
    scheme = world.scheme(approved=False)
    schemes.transition_scheme(scheme, "submit", actor=p.officer1)
    with pytest.raises(NotAllowed):
        schemes.transition_scheme(scheme, "approve", actor=p.officer2)
    with pytest.raises(NotAllowed):
        schemes.transition_scheme(scheme, "approve", actor=p.head_b)
    with pytest.raises(GuardFailed) as exc:
        schemes.transition_scheme(scheme, "return", actor=p.head)
    assert exc.value.code == "scheme.opinion_given"
    scheme = schemes.transition_scheme(scheme, "approve", actor=p.head, opinion="同意")
    assert (scheme.status, scheme.approved_by, scheme.approval_opinion) == (
        SchemeStatus.APPROVED,
        p.head,
        "同意",
    )
    with pytest.raises(InvalidTransition) as exc2:
        schemes.transition_scheme(scheme, "approve", actor=p.head)
    assert exc2.value.message == "只有报批中的检查方案可以批准（当前状态：已批准）"


def test_an_inspection_requires_an_approved_scheme(world):
    p = world.personas
    scheme = world.scheme(approved=False)
    with pytest.raises(InvalidTransition) as exc:
        records.start_inspection(scheme, actor=p.officer1, place="车间")
    assert exc.value.message == "检查方案未经批准，不能开始现场检查（当前状态：编制中）"
    assert not Inspection.objects.exists()


def test_the_record_copies_the_checklist_lines(world):
    insp = world.inspection()
    checks = list(insp.checks.order_by("order"))
    assert len(checks) == 9
    assert (checks[2].text, checks[2].legal_basis, checks[2].violation_code) == (
        "干式除尘系统采取泄爆、惰化或抑爆措施",
        "《工贸企业粉尘防爆安全规定》（应急管理部令第6号）第十四条",
        "AQ-099-I2",
    )
    assert sorted(insp.officers.values_list("username", flat=True)) == ["officer1", "officer2"]


def test_photos_are_checked_by_their_bytes_and_hashed(world):
    p = world.personas
    insp = world.inspection()
    photo = records.add_attachment(insp, actor=p.officer1, upload=SimpleUploadedFile("现场.jpg", JPEG))
    assert (photo.content_type, photo.size) == ("image/jpeg", len(JPEG))
    import hashlib

    assert photo.sha256 == hashlib.sha256(JPEG).hexdigest()
    assert "现场" not in photo.file.name and photo.file.name.endswith(".jpg")  # a generated name
    before = (InspectionAttachment.objects.count(), AuditEvent.objects.count())
    with pytest.raises(InvalidInput) as exc:
        records.add_attachment(
            insp, actor=p.officer1, upload=SimpleUploadedFile("照片.jpg", b"MZ\x90\x00evil" * 10)
        )
    assert exc.value.message == "文件内容为 exe 格式，此处只接受：图片、PDF"
    with pytest.raises(InvalidInput) as exc:
        records.add_attachment(
            insp, actor=p.officer1, upload=SimpleUploadedFile("照片.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 50)
        )
    assert exc.value.message == "图片文件已损坏或格式不完整"
    big = SimpleUploadedFile("大.jpg", JPEG + b"\x00" * (20 * 1024 * 1024))
    with pytest.raises(InvalidInput) as exc:
        records.add_attachment(insp, actor=p.officer1, upload=big)
    assert exc.value.message.startswith("文件过大") and "20 MB" in exc.value.message
    with pytest.raises(NotAllowed):
        records.add_attachment(insp, actor=p.head, upload=SimpleUploadedFile("a.jpg", JPEG))
    assert (InspectionAttachment.objects.count(), AuditEvent.objects.count()) == before
    # judged by its bytes, not its name: a JPEG called .pdf is kept as the JPEG it is
    renamed = records.add_attachment(insp, actor=p.officer1, upload=SimpleUploadedFile("报告.pdf", JPEG))
    assert renamed.content_type == "image/jpeg" and renamed.file.name.endswith(".jpg")


def _fill(insp, actor):
    results = {c.order: ("conform", "") for c in insp.checks.all()}
    results[3] = ("nonconform", "除尘器无泄爆片")
    return records.save_record(
        insp,
        actor=actor,
        values={
            "main_person_present": "刘厂长",
            "safety_managers_present": "陈安全",
            "operators_present": "抛光工 周某",
        },
        results=results,
    )


def test_refusal_to_sign_needs_a_witness_and_the_record_pdf_says_so(world, tmp_path):
    p = world.personas
    insp = world.inspection()
    with pytest.raises(InvalidInput) as exc:
        records.complete_inspection(insp, actor=p.officer1, signed_by="刘厂长")
    assert exc.value.message.startswith("检查表第1、2、3、4、5项尚未填写检查结果")
    _fill(insp, p.officer1)
    hazards.record_hazard(insp, actor=p.officer1, level="general", description="除尘器未设置泄爆装置")
    with pytest.raises(InvalidInput) as exc:
        records.complete_inspection(insp, actor=p.officer1, refused_to_sign=True)
    assert exc.value.message == "被检查单位拒绝签字的，须记录见证人"
    done = records.complete_inspection(
        insp, actor=p.officer1, refused_to_sign=True, witness="社区网格员 韩某"
    )
    assert done.status == InspectionStatus.COMPLETED
    assert done.record_document.number == "（浦）应急现记〔2026〕1号"
    assert InspectionScheme.objects.get(pk=insp.scheme_id).status == SchemeStatus.DONE
    due = Deadline.objects.get(kind="inspections.inspection_due", object_id=insp.scheme_id)
    assert (due.due_date, due.status) == (dt.date(2026, 6, 5), "met")
    assert sorted(due.responsible.values_list("username", flat=True)) == ["officer1", "officer2"]
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(done.record_document.file.read())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    compact = "".join(text.split())
    for needle in (
        "现场检查记录",
        "（浦）应急现记〔2026〕1号",
        "南京浦口金属制品有限公司",
        "刘厂长",
        "陈安全",
        "拒绝签字（见证人：社区网格员韩某）",
        "除尘器未设置泄爆装置",
        "除尘器无泄爆片",
    ):
        assert "".join(needle.split()) in compact, needle
    with pytest.raises(DomainError):
        records.save_record(done, actor=p.officer1, values={"summary": "改"}, results={})


def test_rectification_order_pdf_text(world, tmp_path):
    p = world.personas
    h = world.hazard(level="major")
    h = hazards.transition_hazard(
        h, "order_rectification", actor=p.officer1, params={"deadline": dt.date(2026, 6, 30)}
    )
    pdf = tmp_path / "o.pdf"
    pdf.write_bytes(h.order_document.file.read())
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "A4" in info
    compact = "".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    for needle in (
        "责令限期整改指令书",
        "（浦）应急责改〔2026〕1号",
        "重大事故隐患",
        "二〇二六年六月三十日前整改完毕",
        "干式除尘系统未采取泄爆、惰化、抑爆等任一种爆炸防控措施的",
    ):
        assert needle in compact, needle
