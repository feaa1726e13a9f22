"""Authentication backend that loads the user's agency and roles with the user.

Every page shows the agency in the navbar and every scope check reads ``user.agency.path`` and the user's
roles; loading both in the same query as the user (once per request) saves two queries on every page and
API call.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

from . import roles


class AgencyModelBackend(ModelBackend):
    """Django's ModelBackend whose ``get_user`` joins the user's agency (``select_related``) and answers,
    per role of ``roles.ALL_ROLES``, whether the user holds it (one EXISTS each, in the same query): the
    user's role cache (``User.role_names``) is filled without a query of its own."""

    def get_user(self, user_id: Any) -> Any:
        user_model = get_user_model()
        membership = user_model.groups.through
        flags = {
            f"holds_role_{i}": Exists(membership.objects.filter(user_id=OuterRef("pk"), group__name=name))
            for i, name in enumerate(roles.ALL_ROLES)
        }
        try:
            user = user_model._default_manager.select_related("agency").annotate(**flags).get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        user._role_names = {
            name for i, name in enumerate(roles.ALL_ROLES) if getattr(user, f"holds_role_{i}")
        }
        return user if self.user_can_authenticate(user) else None
