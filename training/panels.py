"""Dashboard panel "我的执法证" on ``/``."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .guards import may_enforce
from .models import Certificate


def my_certificate(request: Any) -> dict[str, Any]:
    user = request.user
    today = timezone.localdate()
    cert = Certificate.objects.filter(holder=user).order_by("-id").first()
    days_left = (cert.expires_on - today).days if cert and cert.expires_on else None
    return {
        "certificate": cert,
        "certificate_status": cert.display_status(today) if cert else "",
        "verdict": may_enforce(user, today),
        "days_left": days_left,
    }
