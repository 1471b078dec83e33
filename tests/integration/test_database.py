"""The portal's PostgreSQL connections: no query is ever JIT-compiled."""

import pytest
from django.db import connection

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_postgresql_compileert_geen_enkele_query_just_in_time():
    if connection.vendor != "postgresql":
        pytest.skip("zet DATABASE_URL=postgres://... om de PostgreSQL-instellingen te testen")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
        # Even a plan far above jit_above_cost is not compiled.
        cursor.execute("SET jit_above_cost = 0")
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*) FROM generate_series(1, 1000)")
        plan = cursor.fetchone()[0][0]
        assert "JIT" not in plan
