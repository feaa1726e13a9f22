"""Token authentication (``Authorization: Token <key>``) that loads the user's agency in the same query."""

from __future__ import annotations

from typing import Any

from rest_framework import authentication, exceptions


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's TokenAuthentication with ``select_related("user__agency")``: scope checks read
    ``user.agency.path`` on every call, so the agency comes with the token and user (one query)."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        model: Any = self.get_model()  # rest_framework.authtoken's Token (the stubs say Model)
        try:
            token = model.objects.select_related("user", "user__agency").get(key=key)
        except model.DoesNotExist:
            raise exceptions.AuthenticationFailed("令牌无效")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("用户已停用或已删除")
        return (token.user, token)
