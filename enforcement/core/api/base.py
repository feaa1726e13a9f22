"""Base classes for every app's API (NetBox-style): the queryset is restricted to what the user may see
before any handler runs, writes go through services which lock the row and re-check the right inside
their transaction, and refusals use the JSON error shape of ``api.errors``."""

from __future__ import annotations

from typing import Any

from django.db import models
from rest_framework import permissions, viewsets


class ScopedViewSet(viewsets.GenericViewSet):  # type: ignore[type-arg]  # generic over the model per subclass
    """GenericViewSet whose queryset is always ``scoped_model.objects.visible_to(request.user)``.

    Subclasses set ``scoped_model`` and may override ``optimise(queryset)`` for select_related/only.
    Detail routes therefore answer 404 for rows the user may not see; write permission (403) is decided
    by ``may_write(user, obj)`` / ``may_create(user)`` and re-checked by the service.
    """

    scoped_model: type[models.Model]

    def get_queryset(self) -> Any:
        manager: Any = self.scoped_model._default_manager
        return self.optimise(manager.visible_to(self.request.user))

    def optimise(self, queryset: Any) -> Any:
        return queryset

    def may_create(self, user: Any) -> bool:
        return False

    def may_write(self, user: Any, obj: Any) -> bool:
        return False


class ScopedWritePermission(permissions.BasePermission):
    """Safe methods: any authenticated user (the queryset is already scoped). Unsafe: ``may_create`` on
    list routes, ``may_write`` on the (visible) object for detail routes — 403 otherwise."""

    message = "无权执行此操作"

    def has_permission(self, request: Any, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        if getattr(view, "detail", False):
            # decide on the object: 404 first when it is not visible, then 403 from may_write
            return True
        return bool(view.may_create(request.user))

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(view.may_write(request.user, obj))
