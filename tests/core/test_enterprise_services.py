"""Enterprise services: create/update with credit-code validation, scope of who writes, XLSX/CSV import."""

import io

import pytest
from openpyxl import Workbook

from enforcement.core.exceptions import InvalidInput, NotAllowed
from enforcement.core.models import AuditEvent, Enterprise
from enforcement.core.services.enterprises import (
    EnterpriseData,
    create_enterprise,
    import_enterprises,
    update_enterprise,
)
from tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

VALID = "91110108551385082Q"
VALID2 = "91440300708461136T"


def test_officer_registers_an_enterprise_of_own_agency(personas):
    a = personas.agencies
    e = create_enterprise(
        EnterpriseData(
            name="南京示例化工有限公司", credit_code=VALID.lower(), agency=a.district_a, sector="hazchem"
        ),
        actor=personas.officer1,
    )
    assert (e.credit_code, e.region_code, e.sector, e.agency_id) == (
        VALID,
        "320111",
        "hazchem",
        a.district_a.pk,
    )
    event = AuditEvent.objects.get()
    assert (event.action, event.object_id, event.agency_id_ref, event.data) == (
        "enterprise.create",
        e.pk,
        a.district_a.pk,
        {"credit_code": VALID, "name": "南京示例化工有限公司"},
    )


def test_bad_credit_code_is_refused_with_chinese_message(personas):
    with pytest.raises(InvalidInput) as exc:
        create_enterprise(
            EnterpriseData(
                name="某公司", credit_code="91110108551385082A", agency=personas.agencies.district_a
            ),
            actor=personas.officer1,
        )
    assert exc.value.fields == {"credit_code": ["统一社会信用代码校验位错误：第18位应为Q，实为A，请核对。"]}
    assert Enterprise.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_duplicate_credit_code_is_refused(personas):
    EnterpriseFactory(credit_code=VALID, agency=personas.agencies.district_a)
    with pytest.raises(InvalidInput) as exc:
        create_enterprise(
            EnterpriseData(name="重复", credit_code=VALID, agency=personas.agencies.district_a),
            actor=personas.officer1,
        )
    assert exc.value.fields == {"credit_code": [f"统一社会信用代码{VALID}已登记，不能重复"]}


@pytest.mark.parametrize("who", ["head", "supervisor", "reviewer", "assistant", "officer_other"])
def test_users_without_write_right_on_the_agency_are_refused(personas, who):
    with pytest.raises(NotAllowed):
        create_enterprise(
            EnterpriseData(name="某公司", credit_code=VALID, agency=personas.agencies.district_a),
            actor=getattr(personas, who),
        )
    assert Enterprise.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_city_admin_writes_enterprises_of_the_subtree(personas):
    e = create_enterprise(
        EnterpriseData(name="某公司", credit_code=VALID, agency=personas.agencies.street_a),
        actor=personas.cityadmin,
    )
    assert e.agency_id == personas.agencies.street_a.pk


def test_update_records_field_diff_and_refuses_moving_out_of_scope(personas):
    a = personas.agencies
    e = EnterpriseFactory(name="旧名称", credit_code=VALID, agency=a.district_a, risk_class="general")
    update_enterprise(e, {"name": "新名称", "risk_class": "major", "is_key": True}, actor=personas.officer1)
    e.refresh_from_db()
    assert (e.name, e.risk_class, e.is_key) == ("新名称", "major", True)
    event = AuditEvent.objects.get()
    assert event.data == {
        "diff": {"name": ["旧名称", "新名称"], "risk_class": ["general", "major"], "is_key": [False, True]}
    }
    with pytest.raises(NotAllowed):
        update_enterprise(e, {"agency": a.district_b}, actor=personas.officer1)
    with pytest.raises(NotAllowed):
        update_enterprise(e, {"name": "别人改"}, actor=personas.officer_other)
    e.refresh_from_db()
    assert (e.name, e.agency_id, AuditEvent.objects.count()) == ("新名称", a.district_a.pk, 1)


HEADER = ["单位名称", "统一社会信用代码", "行业", "风险等级", "重点检查企业", "监管机构", "从业人员数"]


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def test_import_keeps_good_rows_and_reports_bad_ones_row_by_row(personas):
    from enforcement.core.validators import credit_code_check_char, make_credit_code

    a = personas.agencies
    good_a = make_credit_code("91320111MA1X00001")
    bad_check = good_a[:17] + ("0" if good_a[17] != "0" else "1")
    code_risk = make_credit_code("91320111MA1X00002")
    code_b = make_credit_code("91320115MA1X00001")
    existing = EnterpriseFactory(name="已有单位", credit_code=VALID2, agency=a.district_a, risk_class="low")
    upload = _xlsx(
        [
            ["南京甲化工有限公司", bad_check, "危险化学品", "较大风险", "是", "320111", 40],
            ["南京乙机械有限公司", VALID, "机械", "一般风险", "否", "南京市浦口区应急管理局", 120],
            ["已有单位（更名）", VALID2, "商贸", "重大风险", "是", "", ""],
            ["南京丙纺织有限公司", code_risk, "纺织", "超高风险", "否", "", ""],
            ["南京丁公司", code_b, "商贸", "一般风险", "否", "320115", ""],
        ]
    )
    report = import_enterprises(upload, "企业.xlsx", actor=personas.officer1)
    assert (report.created, report.updated, report.unchanged, report.rejected) == (1, 1, 0, 3)
    assert [(e.row, e.key) for e in report.errors] == [
        (2, bad_check),
        (5, code_risk),
        (6, code_b),
    ]
    assert report.errors[0].message == (
        f"生产经营单位信息有误：统一社会信用代码校验位错误：第18位应为{credit_code_check_char(good_a[:17])}，"
        f"实为{bad_check[17]}，请核对。"
    )
    assert (
        report.errors[1].message
        == "生产经营单位信息有误：“超高风险”不是有效的选项，可选：重大风险、较大风险、一般风险、低风险"
    )
    assert report.errors[2].message == "您无权为南京市江宁区应急管理局登记生产经营单位"
    new = Enterprise.objects.get(credit_code=VALID)
    assert (new.name, new.sector, new.risk_class, new.is_key, new.employees, new.agency_id) == (
        "南京乙机械有限公司",
        "machinery",
        "general",
        False,
        120,
        a.district_a.pk,
    )
    existing.refresh_from_db()
    assert (existing.name, existing.sector, existing.risk_class, existing.is_key) == (
        "已有单位（更名）",
        "trade",
        "major",
        True,
    )
    assert Enterprise.objects.count() == 2
    event = AuditEvent.objects.get()
    assert (
        event.action,
        event.data["created"],
        event.data["updated"],
        event.data["rejected"],
        event.data["rejected_rows"],
    ) == (
        "enterprise.import",
        1,
        1,
        3,
        [2, 5, 6],
    )


def test_import_never_half_writes_a_row(personas):
    """A row whose credit code is fine but whose risk class is not: nothing of it is saved."""
    from enforcement.core.validators import make_credit_code

    code = make_credit_code("91320111MA1X00003")
    csv_text = "单位名称,统一社会信用代码,风险等级\n南京戊公司," + code + ",超高风险\n"
    report = import_enterprises(io.BytesIO(csv_text.encode("gb18030")), "a.csv", actor=personas.officer1)
    assert (report.created, report.rejected) == (0, 1)
    assert (
        report.errors[0].message
        == "生产经营单位信息有误：“超高风险”不是有效的选项，可选：重大风险、较大风险、一般风险、低风险"
    )
    assert Enterprise.objects.count() == 0


def test_import_refuses_a_file_without_required_columns(personas):
    with pytest.raises(InvalidInput) as exc:
        import_enterprises(io.BytesIO("名称,代码\n甲,1\n".encode()), "a.csv", actor=personas.officer1)
    assert exc.value.message == "缺少必填列：单位名称、统一社会信用代码"
    assert AuditEvent.objects.count() == 0


def test_import_is_refused_for_read_only_roles(personas):
    with pytest.raises(NotAllowed):
        import_enterprises(_xlsx([]), "a.xlsx", actor=personas.head)


def test_credit_code_held_in_another_district_is_not_confirmed(personas):
    """Issue 8: district B learns only that the code cannot be registered here and whom to ask."""
    EnterpriseFactory(credit_code=VALID, agency=personas.agencies.district_a)
    with pytest.raises(InvalidInput) as exc:
        create_enterprise(
            EnterpriseData(name="另一家", credit_code=VALID, agency=personas.agencies.district_b),
            actor=personas.officer_other,
        )
    message = f"该统一社会信用代码不能在本机构登记，请联系{personas.agencies.city.name}核实"
    assert exc.value.fields == {"credit_code": [message]}
    assert VALID not in str(exc.value.message) + str(exc.value.fields)
    assert Enterprise.objects.count() == 1
