"""The agency-scoped queryset every inspections model uses (default deny, see core.access)."""

from __future__ import annotations

from typing import Any

from django.db import models

from enforcement.core.access import agency_scope_filter


class AgencyScopedQuerySet(models.QuerySet[Any]):
    """Rows whose ``agency_field`` is within the user's scope: officers their agency, subtree roles their
    subtree, superusers all, anyone else nothing."""

    agency_field = "agency"

    def visible_to(self, user: Any) -> Any:
        return self.filter(agency_scope_filter(user, self.agency_field))


class ByAgencyQuerySet(AgencyScopedQuerySet):
    agency_field = "agency"


class ByHazardAgencyQuerySet(AgencyScopedQuerySet):
    agency_field = "hazard__agency"


class ByInspectionAgencyQuerySet(AgencyScopedQuerySet):
    agency_field = "inspection__agency"


class ByJointLeadAgencyQuerySet(AgencyScopedQuerySet):
    agency_field = "joint__lead_agency"


class ByLeadAgencyQuerySet(AgencyScopedQuerySet):
    agency_field = "lead_agency"


class ByPlanAgencyQuerySet(AgencyScopedQuerySet):
    agency_field = "plan__agency"


class BySchemeAgencyQuerySet(AgencyScopedQuerySet):
    agency_field = "scheme__agency"


class ByVersionPlanAgencyQuerySet(AgencyScopedQuerySet):
    agency_field = "version__plan__agency"
