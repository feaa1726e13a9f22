"""The enterprise name search can use the pg_trgm index (migration core/0004) on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from enforcement.core.api.enterprises import search_enterprises
from enforcement.core.models import Enterprise
from tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def test_trigram_index_exists_on_the_expression_django_queries():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'core_enterprise_name_trgm'")
        (indexdef,) = cursor.fetchone()
        cursor.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == ("pg_trgm",)
    assert indexdef == (
        "CREATE INDEX core_enterprise_name_trgm ON public.core_enterprise "
        "USING gin (upper((name)::text) gin_trgm_ops)"
    )


def test_name_search_plan_uses_the_trigram_index(personas):
    hit = EnterpriseFactory(agency=personas.agencies.district_a, name="南京利民瑞丰石化储运有限公司")
    EnterpriseFactory(agency=personas.agencies.district_a, name="南京汇通机械有限公司")
    qs = search_enterprises(Enterprise.objects.order_by(), "瑞丰石化")
    assert list(qs.values_list("id", flat=True)) == [hit.pk]
    sql, params = qs.values("id").query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        # a tiny table is cheaper to scan: take the plain scans away (sequential, and a primary-key
        # index scan with a filter) to see that the search condition can use the index
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on core_enterprise_name_trgm" in plan, plan
