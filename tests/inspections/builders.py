"""Reach scheme, inspection and hazard states through the real services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from inspections.choices import HazardAction as A
from inspections.choices import HazardLevel, HazardStatus
from inspections.models import ChecklistTemplate, Hazard, HazardStandardItem, Inspection, InspectionScheme
from inspections.services import hazards, records, schemes


@dataclass
class World:
    personas: Any
    item: Any
    enterprise: Any
    other_enterprise: Any
    dust: ChecklistTemplate

    def scheme(self, *, approved: bool = True, officers: list[Any] | None = None) -> InspectionScheme:
        p = self.personas
        scheme = schemes.create_scheme(
            actor=p.officer1,
            enterprise=self.enterprise,
            item=self.item,
            window_start=dt.date(2026, 6, 1),
            window_end=dt.date(2026, 6, 5),
            officers=officers or [p.officer1, p.officer2],
            templates=[self.dust],
            experts=[{"name": "张专家", "organisation": "南京工业大学", "speciality": "粉尘防爆"}],
        )
        if approved:
            schemes.transition_scheme(scheme, "submit", actor=p.officer1)
            scheme = schemes.transition_scheme(scheme, "approve", actor=p.head, opinion="同意")
        return scheme

    def inspection(self) -> Inspection:
        return records.start_inspection(self.scheme(), actor=self.personas.officer1, place="一号车间")

    def hazard(self, *, level: str = HazardLevel.GENERAL, inspection: Inspection | None = None) -> Hazard:
        item = HazardStandardItem.objects.get(code="11-3") if level == HazardLevel.MAJOR else None
        return hazards.record_hazard(
            inspection or self.inspection(),
            actor=self.personas.officer1,
            level=level,
            description="除尘器未设置泄爆装置",
            location="抛光车间除尘器",
            standard_item=item,
        )

    def hazard_in(self, state: str, *, level: str = HazardLevel.GENERAL) -> Hazard:
        p = self.personas
        h = self.hazard(level=level)
        if state == HazardStatus.FOUND:
            return h
        h = hazards.transition_hazard(
            h, A.ORDER_RECTIFICATION, actor=p.officer1, params={"deadline": dt.date(2026, 6, 30)}
        )
        if state == HazardStatus.RECTIFYING:
            return h
        if state == HazardStatus.EXTENSION_REQUESTED:
            return hazards.transition_hazard(
                h,
                A.REQUEST_EXTENSION,
                actor=p.officer1,
                params={"requested_deadline": dt.date(2026, 7, 31), "reason": "设备供货延迟（不可抗力）"},
            )
        if state == HazardStatus.CLOSED:
            return hazards.transition_hazard(h, A.RECHECK, actor=p.officer1, params={"result": "rectified"})
        h = hazards.transition_hazard(h, A.RECHECK, actor=p.officer1, params={"result": "not_rectified"})
        if state == HazardStatus.OVERDUE:
            return h
        if state == HazardStatus.ESCALATED:
            return hazards.transition_hazard(h, A.ESCALATE, actor=p.officer1)
        raise AssertionError(state)
