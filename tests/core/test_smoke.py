import pytest

from enforcement.core.models import Enterprise
from tests.factories import EnterpriseFactory


@pytest.mark.django_db
def test_officer_sees_own_agency_enterprises_only(personas):
    mine = EnterpriseFactory(agency=personas.agencies.district_a)
    EnterpriseFactory(agency=personas.agencies.district_b)
    assert list(Enterprise.objects.visible_to(personas.officer1).values_list("id", flat=True)) == [mine.id]
    assert Enterprise.objects.visible_to(personas.supervisor).count() == 2
