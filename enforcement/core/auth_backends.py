"""Authentication backend that loads the user's agency with the user.

Every page shows the agency in the navbar and every scope check reads ``user.agency.path``; loading the
agency in the same query as the user (once per request) saves one query on every page and API call.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class AgencyModelBackend(ModelBackend):
    """Django's ModelBackend whose ``get_user`` joins the user's agency (``select_related``)."""

    def get_user(self, user_id: Any) -> Any:
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("agency").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
