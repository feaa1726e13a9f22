"""The case list's rows and filters, shared by the page (``cases:index``) and ``/api/v1/cases/``.

Rows are ``Case.objects.visible_to(user)`` in a stable order (id descending, keyset pagination). Each row
gets ``overdue`` (``late_deadline`` in the rows' query, ``mark_overdue``): the case has a running deadline
(open, or already marked overdue: the decision deadline, the defence or hearing window, a seizure
limit …) whose due date is before today. The ``overdue`` filter uses the same test. Every filter is a
subquery or a column test, never a join that duplicates rows, so the rows are one query whatever the
filters."""

from __future__ import annotations

import re
from typing import Any

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from enforcement.core.access import visible_agencies
from enforcement.core.models import Agency, Deadline, User
from enforcement.core.models.deadlines import RUNNING_STATUSES
from enforcement.core.services.reference_cache import cached_for

from .choices import CaseSource, CaseStatus, Procedure
from .models import Case, CaseHandler, CaseViolation
from .services.list_filters import STAGES, apply_stage_filter

CODE = re.compile(r"[A-Za-z]{1,6}(-[A-Za-z0-9]+)+")
TEXT = {"class": "form-control form-control-sm"}
SELECT = {"class": "form-select form-select-sm"}
DATE = {**TEXT, "type": "date"}


def overdue_deadlines() -> QuerySet[Deadline]:
    """Running deadlines of the outer case that are past due today."""
    return Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(Case),
        object_id=OuterRef("pk"),
        status__in=RUNNING_STATUSES,
        due_date__lt=timezone.localdate(),
    )


# The columns a list row shows (page and API): not the 60-odd of the whole case.
LIST_FIELDS = (
    "number",
    "status",
    "procedure",
    "party_kind",
    "enterprise_id",
    "party_name",
    "party_id_number",
    "party_credit_code",
    "party_representative",
    "party_address",
    "cause",
    "source",
    "source_ref",
    "deciding_agency__name",
    "violation_date",
    "filed_on",
    "decision_due",
    "decided_on",
)


def case_rows(user: Any) -> QuerySet[Case]:
    """The list's base queryset: what ``user`` may see, newest first, the list's columns only, and
    ``late_deadline``: the id of one overdue running deadline of the case, or None. (A scalar subquery
    with LIMIT 1, run per row of the page; an EXISTS there would let PostgreSQL hash every overdue
    deadline of the database to answer it for one page.)"""
    return (
        Case.objects.visible_to(user)
        .select_related("deciding_agency")
        .only(*LIST_FIELDS)
        .annotate(late_deadline=Subquery(overdue_deadlines().values("pk")[:1]))
        .order_by("-id")
    )


def mark_overdue(page: list[Case]) -> list[Case]:
    """Set ``overdue`` on a page's cases from their ``late_deadline``."""
    for case in page:
        case.overdue = getattr(case, "late_deadline", None) is not None  # type: ignore[attr-defined]
    return page


def _agencies(request: Any) -> QuerySet[Agency]:
    user = getattr(request, "user", None)
    return visible_agencies(user).order_by("path") if user is not None else Agency.objects.none()


def _handlers(request: Any) -> QuerySet[User]:
    """People who may appear as handlers in the user's view: active users of the visible agencies."""
    user = getattr(request, "user", None)
    if user is None:
        return User.objects.none()
    return User.objects.filter(is_active=True, agency__in=_agencies(request)).order_by("agency__path", "pk")


class HandlerChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return obj.real_name or obj.username


class HandlerFilter(django_filters.ModelChoiceFilter):
    field_class = HandlerChoice


class CaseFilter(django_filters.FilterSet):
    """status (one or several), agency (with its subtree), handler, overdue, source, filed and violation date
    ranges, party (name, credit code or 身份证 number), violation (code or name)."""

    status = django_filters.MultipleChoiceFilter(
        label="状态",
        choices=CaseStatus.choices,
        distinct=False,  # a column test: no join, so no DISTINCT (which would sort every match) widget=forms.SelectMultiple(attrs={**SELECT, "size": 1})
    )
    agency = django_filters.ModelChoiceFilter(
        label="办案机关", queryset=_agencies, method="by_agency", widget=forms.Select(attrs=SELECT)
    )
    agency_only = django_filters.BooleanFilter(
        label="仅本机关（不含下级）", method="by_agency_only", widget=forms.CheckboxInput()
    )
    handler = HandlerFilter(
        label="承办人", queryset=_handlers, method="by_handler", widget=forms.Select(attrs=SELECT)
    )
    overdue = django_filters.BooleanFilter(
        label="逾期",
        method="by_overdue",
        widget=forms.Select(attrs=SELECT, choices=[("", "全部"), ("true", "已逾期"), ("false", "未逾期")]),
    )
    source = django_filters.ChoiceFilter(
        label="来源", choices=CaseSource.choices, empty_label="全部", widget=forms.Select(attrs=SELECT)
    )
    filed_from = django_filters.DateFilter(
        label="立案日起", field_name="filed_on", lookup_expr="gte", widget=forms.DateInput(attrs=DATE)
    )
    filed_to = django_filters.DateFilter(
        label="立案日止", field_name="filed_on", lookup_expr="lte", widget=forms.DateInput(attrs=DATE)
    )
    violation_from = django_filters.DateFilter(
        label="违法日起", field_name="violation_date", lookup_expr="gte", widget=forms.DateInput(attrs=DATE)
    )
    violation_to = django_filters.DateFilter(
        label="违法日止", field_name="violation_date", lookup_expr="lte", widget=forms.DateInput(attrs=DATE)
    )
    party = django_filters.CharFilter(label="当事人", method="by_party", widget=forms.TextInput(attrs=TEXT))
    violation = django_filters.CharFilter(
        label="违法行为", method="by_violation", widget=forms.TextInput(attrs=TEXT)
    )

    procedure = django_filters.ChoiceFilter(
        label="程序", choices=Procedure.choices, empty_label="全部", widget=forms.Select(attrs=SELECT)
    )
    stage = django_filters.ChoiceFilter(
        label="执行阶段",
        choices=STAGES,
        method="by_stage",
        empty_label="全部",
        widget=forms.Select(attrs=SELECT),
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def by_stage(self, qs: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return apply_stage_filter(qs, value)

    def by_agency(self, qs: QuerySet[Case], name: str, value: Agency | None) -> QuerySet[Case]:
        """The agency with its subtree; the agency's own cases only with ``agency_only``."""
        if not value:
            return qs
        if self.form.cleaned_data.get("agency_only"):
            return qs.filter(deciding_agency=value)
        return qs.filter(deciding_agency__path__startswith=value.path)

    def by_agency_only(self, qs: QuerySet[Case], name: str, value: bool | None) -> QuerySet[Case]:
        return qs  # read by ``by_agency``

    def by_handler(self, qs: QuerySet[Case], name: str, value: User | None) -> QuerySet[Case]:
        if value is None:
            return qs
        return qs.filter(pk__in=CaseHandler.objects.filter(user=value, active=True).values("case_id"))

    def by_party(self, qs: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        value = value.strip()
        if not value:
            return qs
        return qs.filter(
            Q(party_name__icontains=value)
            | Q(party_credit_code__iexact=value)
            | Q(party_id_number__iexact=value)
        )

    def by_violation(self, qs: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        value = value.strip()
        if not value:
            return qs
        if CODE.fullmatch(value):  # a violation code: exact, on its index
            matching = CaseViolation.objects.filter(violation_code=value.upper()).values("case_id")
        else:
            matching = CaseViolation.objects.filter(violation_name__icontains=value).values("case_id")
        return qs.filter(pk__in=matching)

    def by_overdue(self, qs: QuerySet[Case], name: str, value: bool | None) -> QuerySet[Case]:
        if value is None:
            return qs
        late = Exists(overdue_deadlines())
        return qs.filter(late) if value else qs.filter(~late)


def filter_choices(request: Any) -> dict[str, Any]:
    """The page's select options as plain pairs (the template writes them; Django's widget rendering of a
    few hundred options per request would cost more than the rows)."""
    selected = {
        "status": request.GET.getlist("status"),
        "agency": request.GET.get("agency", ""),
        "handler": request.GET.get("handler", ""),
        "overdue": request.GET.get("overdue", ""),
        "source": request.GET.get("source", ""),
    }
    agency_html, handler_html = cached_for(request.user, OPTIONS_CACHE, lambda: _options(request))
    return {
        "selected": selected,
        "statuses": CaseStatus.choices,
        "sources": CaseSource.choices,
        "agency_options": with_selected(agency_html, selected["agency"]),
        "handler_options": with_selected(handler_html, selected["handler"]),
    }


OPTIONS_CACHE = "cases:list-options"  # dropped when an agency or a user changes (cases.apps)


def _options(request: Any) -> tuple[str, str]:
    """The agency and handler ``<option>``s the user may filter by, none selected."""
    agencies = [(str(pk), name) for pk, name in _agencies(request).values_list("pk", "name")]
    handlers = [
        (str(pk), real_name or username)
        for pk, real_name, username in _handlers(request).values_list("pk", "real_name", "username")
    ]
    return options_html(agencies, ""), options_html(handlers, "")


def options_html(pairs: list[tuple[str, str]], selected: str) -> str:
    """``<option>`` elements for a select, written in Python: a template loop over a few hundred people
    costs more per request than the list's rows."""
    return mark_safe(  # noqa: S308  # every value and label is escaped here
        "".join(
            f'<option value="{escape(v)}"{" selected" if v == selected else ""}>{escape(label)}</option>'
            for v, label in pairs
        )
    )


def with_selected(options: str, selected: str) -> str:
    """``options`` (from ``options_html``, none selected) with the option of value ``selected`` marked."""
    if selected:
        mark = f'<option value="{escape(selected)}">'
        options = options.replace(mark, mark[:-1] + " selected>", 1)
    return mark_safe(options)  # noqa: S308  # escaped by options_html; the value is escaped above


STATUS_LABELS = {value: escape(label) for value, label in CaseStatus.choices}


def _short(text: str, limit: int = 30) -> str:
    """``text`` cut to ``limit`` characters, the last one an ellipsis when cut (Truncator.chars' result)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def rows_html(page: list[Case]) -> str:
    """The table rows of a page of ``case_rows`` (after ``mark_overdue``), written in Python with every value
    escaped: the same markup a template loop would write, at a fraction of its cost for 50 rows."""
    late_tr = ' class="table-danger" title="有已逾期的期限"'
    late_badge = ' <span class="badge bg-danger">逾期</span>'
    out = []
    for c in page:
        late = getattr(c, "overdue", False)
        summary = "（简易程序）" if c.procedure == "summary" else ""
        out.append(
            f'<tr{late_tr if late else ""} data-case="{c.pk}">'
            f'<td><a href="{c.pk}/">{escape(c.number or "（未立案）")}</a>{late_badge if late else ""}</td>'
            f"<td>{escape(c.party_name)}</td><td>{escape(_short(c.cause))}</td>"
            f"<td>{escape(c.deciding_agency.name)}</td><td>{STATUS_LABELS.get(c.status, c.status)}{summary}</td>"
            f'<td class="text-nowrap">{c.filed_on.isoformat() if c.filed_on else "—"}</td>'
            f'<td class="text-nowrap">{c.decision_due.isoformat() if c.decision_due else "—"}</td></tr>'
        )
    return mark_safe("".join(out))  # noqa: S308  # every value is escaped above
