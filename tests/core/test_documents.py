"""文书 service end to end: the 执法事项目录 printout, stored hashes, rollback, download scope."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf
import pytest
import time_machine
from django.core.files.base import ContentFile
from django.db import IntegrityError
from django.template import TemplateDoesNotExist
from django.utils import timezone

from enforcement.core.exceptions import InvalidInput, NotAllowed
from enforcement.core.models import AuditEvent, Document, DocumentCounter, ItemKind, ItemStatus
from enforcement.core.models.catalog import ItemLevel
from enforcement.core.services.documents import issue_document, verify_document
from enforcement.core.services.numbering import allocate_number
from tests.factories import EnforcementItemFactory

NOON = dt.datetime(2026, 11, 25, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
FAKE_PDF = b"%PDF-1.7\n% stored without rendering, for access tests\n"


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def catalog(db):
    return {
        "training": EnforcementItemFactory(
            code="320000-CF-0001",
            name="对未按照规定对从业人员进行安全生产教育和培训的处罚",
            legal_basis="《中华人民共和国安全生产法》第九十七条第（三）项",
            level=ItemLevel.ALL,
        ),
        "hazchem": EnforcementItemFactory(
            code="320000-JC-0002",
            name="对危险化学品生产经营单位的监督检查",
            kind=ItemKind.INSPECTION,
            legal_basis="《危险化学品安全管理条例》第六条",
            level=ItemLevel.CITY,
        ),
        "cancelled": EnforcementItemFactory(
            code="320000-CF-0099", name="已取消的旧事项", status=ItemStatus.CANCELLED
        ),
        "expired": EnforcementItemFactory(
            code="320000-CF-0098", name="已失效的旧事项", effective_to=dt.date(2025, 12, 31)
        ),
    }


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def _stored_document(agency, seq: int) -> Document:
    doc = Document(
        kind="catalog",
        title="应急管理执法事项目录",
        number=f"（{agency.short_name}）应急目录〔2026〕{seq}号",
        year=2026,
        seq=seq,
        agency=agency,
        sha256=hashlib.sha256(FAKE_PDF).hexdigest(),
        issued_at=timezone.now(),
    )
    doc.file.save(f"catalog-{agency.code}-{seq}.pdf", ContentFile(FAKE_PDF), save=True)
    return doc


def _nothing_issued() -> None:
    assert Document.objects.count() == 0
    assert DocumentCounter.objects.count() == 0
    assert AuditEvent.objects.count() == 0


# --- the catalog printout, rendered by real WeasyPrint -------------------------------------------


def test_catalog_printout_end_to_end(client, personas, catalog, media):
    city, admin = personas.agencies.city, personas.cityadmin
    client.force_login(admin)
    with time_machine.travel(NOON, tick=False):
        response = client.post("/catalog/print/", {"agency": city.pk})

    doc = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/documents/{doc.pk}/pdf/"
    assert (doc.kind, doc.title, doc.number, doc.year, doc.seq, doc.agency_id, doc.issued_by_id) == (
        "catalog",
        "应急管理执法事项目录",
        "（宁）应急目录〔2026〕1号",
        2026,
        1,
        city.id,
        admin.id,
    )
    assert doc.issued_at == NOON
    assert doc.file.name.startswith("documents/2026/11/catalog-320100-2026-00001-")

    stored = Path(doc.file.path).read_bytes()
    assert Path(doc.file.path).is_relative_to(media)
    assert hashlib.sha256(stored).hexdigest() == doc.sha256
    assert verify_document(doc) is True

    download = client.get(f"/documents/{doc.pk}/pdf/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Document-SHA256"] == doc.sha256
    assert b"".join(download.streaming_content) == stored

    text = _pdf_text(stored)
    assert "南京市应急管理局" in text
    assert "应急管理执法事项目录" in text
    assert "（宁）应急目录〔2026〕1号" in text
    assert "对未按照规定对从业人员进行安全生产教育和培训的处罚" in text
    assert "对危险化学品生产经营单位的监督检查" in text
    assert "已取消的旧事项" not in text
    assert "已失效的旧事项" not in text
    assert "执行的应急管理执法事项共2项" in text
    assert "二〇二六年十一月二十五日" in text
    assert "—1—" in text

    event = AuditEvent.objects.get()
    assert (event.action, event.actor_id, event.object_id, event.agency_id_ref) == (
        "document.issue",
        admin.id,
        doc.id,
        city.id,
    )
    assert event.data == {
        "kind": "catalog",
        "number": "（宁）应急目录〔2026〕1号",
        "sha256": doc.sha256,
        "file": doc.file.name,
    }

    Path(doc.file.path).write_bytes(stored + b"tampered")
    assert verify_document(doc) is False


def test_row_conflict_after_rendering_rolls_back_everything_and_removes_the_file(personas, media):
    """A counter behind the documents (e.g. imported history) trips the unique number: nothing is kept."""
    city = personas.agencies.city
    existing = _stored_document(city, 1)
    with pytest.raises(IntegrityError):
        issue_document(
            kind="catalog",
            agency=city,
            title="应急管理执法事项目录",
            template="documents/base.html",
            context={},
            actor=personas.cityadmin,
        )
    assert list(Document.objects.values_list("id", flat=True)) == [existing.id]
    assert DocumentCounter.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    assert sorted(p.name for p in media.rglob("*.pdf")) == ["catalog-320100-1.pdf"]


# --- failures that stop before WeasyPrint ----------------------------------------------------------


def test_render_failure_leaves_no_gap_no_row_no_event(personas, media):
    city = personas.agencies.city
    with pytest.raises(TemplateDoesNotExist):
        issue_document(
            kind="catalog",
            agency=city,
            title="应急管理执法事项目录",
            template="documents/no_such_template.html",
            context={},
            actor=personas.cityadmin,
        )
    _nothing_issued()
    assert not media.exists() or list(media.rglob("*")) == []
    assert allocate_number(city, "catalog", 2026) == (1, "（宁）应急目录〔2026〕1号")


def test_issue_document_refuses_an_agency_outside_the_actors_scope(personas, media):
    with pytest.raises(NotAllowed):
        issue_document(
            kind="catalog",
            agency=personas.agencies.district_a,
            title="应急管理执法事项目录",
            context={},
            actor=personas.officer_other,
        )
    _nothing_issued()


def test_issue_document_refuses_an_unknown_kind(personas, media):
    with pytest.raises(InvalidInput) as exc:
        issue_document(
            kind="nope", agency=personas.agencies.city, title="x", context={}, actor=personas.cityadmin
        )
    assert exc.value.code == "unknown_document_kind"
    _nothing_issued()


# --- /catalog/print/ permissions -------------------------------------------------------------------


@pytest.mark.parametrize("username", ["officer1", "head", "supervisor", "reviewer", "assistant"])
def test_catalog_print_is_forbidden_to_non_admins(client, personas, catalog, media, username):
    client.force_login(getattr(personas, username))
    assert client.post("/catalog/print/", {"agency": personas.agencies.city.pk}).status_code == 403
    assert client.get("/catalog/print/").status_code == 403
    _nothing_issued()


def test_catalog_print_anonymous_is_sent_to_login(client, catalog, media, agencies):
    response = client.post("/catalog/print/", {"agency": agencies.city.pk})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/catalog/print/"
    _nothing_issued()


def test_catalog_print_refuses_an_agency_outside_the_admins_scope(client, personas, catalog, media):
    client.force_login(personas.cityadmin)
    response = client.post("/catalog/print/", {"agency": personas.agencies.province.pk})
    assert response.status_code == 400
    assert "请选择印发机构" in response.content.decode()
    _nothing_issued()


def test_catalog_print_superuser_without_agency_must_choose_one(client, personas, catalog, media):
    client.force_login(personas.admin)
    response = client.post("/catalog/print/", {})
    assert response.status_code == 400
    assert "请选择印发机构" in response.content.decode()
    _nothing_issued()


def test_catalog_print_page_lists_earlier_printouts_in_fixed_queries(
    client, personas, media, django_assert_num_queries
):
    a = personas.agencies
    docs = [_stored_document(a.city, 1), _stored_document(a.district_a, 1), _stored_document(a.district_b, 1)]
    _stored_document(a.province, 1)  # outside the city admin's subtree
    client.force_login(personas.cityadmin)
    # session, user with its agency, roles, agency choices, printouts+agency, unread badge
    with django_assert_num_queries(6):
        response = client.get("/catalog/print/")
    assert response.status_code == 200
    html = response.content.decode()
    for doc in docs:
        assert f'href="/documents/{doc.pk}/pdf/"' in html
    assert "（苏）应急目录〔2026〕1号" not in html
    assert html.count("<option ") == 4  # city, district A, street A, district B


# --- download scope ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("officer1", 200),
        ("officer2", 200),
        ("head", 200),
        ("supervisor", 200),
        ("cityadmin", 200),
        ("admin", 200),
        ("officer_other", 404),
        ("head_b", 404),
    ],
)
def test_document_download_scope(client, personas, media, username, status):
    doc = _stored_document(personas.agencies.district_a, 1)
    client.force_login(getattr(personas, username))
    response = client.get(f"/documents/{doc.pk}/pdf/")
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == FAKE_PDF
        assert response["Content-Disposition"].startswith("inline;")


def test_document_download_anonymous_is_sent_to_login(client, agencies, media):
    doc = _stored_document(agencies.district_a, 1)
    response = client.get(f"/documents/{doc.pk}/pdf/")
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/documents/{doc.pk}/pdf/"


def test_document_download_missing_file_is_404(client, personas, media):
    doc = _stored_document(personas.agencies.district_a, 1)
    Path(doc.file.path).unlink()
    client.force_login(personas.officer1)
    assert client.get(f"/documents/{doc.pk}/pdf/").status_code == 404
    assert verify_document(doc) is False


def test_documents_visible_to_follows_agency_scope(personas, media):
    a = personas.agencies
    mine = _stored_document(a.district_a, 1)
    other = _stored_document(a.district_b, 1)
    city_doc = _stored_document(a.city, 1)

    def ids(user):
        return sorted(Document.objects.visible_to(user).values_list("id", flat=True))

    assert ids(personas.officer1) == [mine.id]
    assert ids(personas.officer_other) == [other.id]
    assert ids(personas.head) == [mine.id]
    assert ids(personas.supervisor) == sorted([mine.id, other.id, city_doc.id])
    assert ids(personas.admin) == sorted([mine.id, other.id, city_doc.id])
