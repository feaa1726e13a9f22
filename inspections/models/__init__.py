"""Models of the inspections app: plans, caps, draws, joint inspections, checklists, schemes, on-site
records and hazards (one module per concept)."""

from .checklists import ChecklistLine, ChecklistTemplate, HazardStandardItem
from .draws import DrawSelection, OfficerRecusal, RandomDraw, RandomDrawSnapshot
from .hazards import Hazard, HazardEvent, HazardExtension, HazardRecheck
from .joint import JointInspection, JointParticipant
from .plans import AnnualPlan, AnnualPlanVersion, FrequencyCap, PlanQuota
from .records import Inspection, InspectionAttachment, InspectionCheck
from .schemes import InspectionScheme, SchemeExpert, SchemeMember

__all__ = [
    "AnnualPlan",
    "AnnualPlanVersion",
    "ChecklistLine",
    "ChecklistTemplate",
    "DrawSelection",
    "FrequencyCap",
    "Hazard",
    "HazardEvent",
    "HazardExtension",
    "HazardRecheck",
    "HazardStandardItem",
    "Inspection",
    "InspectionAttachment",
    "InspectionCheck",
    "InspectionScheme",
    "OfficerRecusal",
    "JointInspection",
    "JointParticipant",
    "PlanQuota",
    "RandomDraw",
    "RandomDrawSnapshot",
    "SchemeExpert",
    "SchemeMember",
]
