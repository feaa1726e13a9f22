"""The request's user comes with its agency and its roles in one query (enforcement.core.auth_backends):
the role checks of a page cost no query of their own, and a role granted or taken away shows on the next
request."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from enforcement.core import roles
from enforcement.core.auth_backends import AgencyModelBackend


def test_user_is_loaded_with_agency_and_roles_in_one_query(personas):
    backend = AgencyModelBackend()
    with CaptureQueriesContext(connection) as ctx:
        head = backend.get_user(personas.head.pk)
        assert head.agency.name == personas.head.agency.name
        assert head.has_role(roles.HEAD) and not head.has_role(roles.OFFICER, roles.LEGAL_REVIEWER)
    assert len(ctx.captured_queries) == 1
    assert head.role_names() == set(personas.head.groups.values_list("name", flat=True))

    officer = personas.officer1
    officer.groups.add(personas.head.groups.get(name=roles.HEAD))
    assert backend.get_user(officer.pk).role_names() == {roles.OFFICER, roles.HEAD}
    officer.groups.clear()
    assert backend.get_user(officer.pk).role_names() == set()
