"""评查标准 maintenance: drafts are edited (admin), a published version is frozen; a new version is a copy."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.db.models import Max, Sum
from django.utils import timezone

from enforcement.core.exceptions import GuardFailed, InvalidTransition, NotAllowed
from enforcement.core.services.audit import record_event

from .. import rules
from ..choices import RubricStatus
from ..models import Rubric, RubricItem, RubricSection


def may_maintain(user: Any) -> bool:
    """Platform superusers maintain the rubrics (a province-wide catalog, like the discretion benchmarks)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


def rubric_of(obj: models.Model) -> Rubric:
    if isinstance(obj, Rubric):
        return obj
    if isinstance(obj, RubricSection):
        return obj.rubric
    assert isinstance(obj, RubricItem)
    return obj.section.rubric


def _check_draft(obj: models.Model) -> Rubric:
    rubric = rubric_of(obj)
    if rubric.pk is not None:
        stored = Rubric.objects.filter(pk=rubric.pk).values_list("status", flat=True).first()
        if stored is not None and stored != RubricStatus.DRAFT:
            raise InvalidTransition("已发布的评查标准不能修改，请复制为新版本后修改")
    return rubric


def save_rubric_object(obj: models.Model, *, actor: Any, changed: list[str] | None = None) -> models.Model:
    """Save a rubric, section or item of a draft version (``supervision.rubric_edit``)."""
    if not may_maintain(actor):
        raise NotAllowed("只有系统管理员可以维护评查标准")
    with transaction.atomic():
        rubric = _check_draft(obj)
        if isinstance(obj, Rubric) and obj.pk is None:
            obj.status = RubricStatus.DRAFT
        obj.save()
        record_event(
            "supervision.rubric_edit",
            actor=actor,
            obj=rubric if rubric.pk else obj,
            data={"model": obj._meta.model_name, "fields": changed or []},
        )
    return obj


def delete_rubric_object(obj: models.Model, *, actor: Any) -> None:
    if not may_maintain(actor):
        raise NotAllowed("只有系统管理员可以维护评查标准")
    with transaction.atomic():
        rubric = _check_draft(obj)
        record_event(
            "supervision.rubric_delete",
            actor=actor,
            obj=rubric,
            data={"model": obj._meta.model_name, "name": str(obj)},
        )
        obj.delete()


def publish_rubric(rubric: Rubric, *, actor: Any) -> Rubric:
    """发布: the bands fit the points; the version is frozen from now on."""
    if not may_maintain(actor):
        raise NotAllowed("只有系统管理员可以发布评查标准")
    with transaction.atomic():
        locked = Rubric.objects.select_for_update().get(pk=rubric.pk)
        if locked.status != RubricStatus.DRAFT:
            raise InvalidTransition("该版本已发布")
        items = RubricItem.objects.filter(section__rubric=locked)
        max_points = items.filter(is_veto=False).aggregate(s=Sum("points"))["s"] or 0
        problems = rules.check_bands(locked.excellent_min, locked.pass_min, max_points)
        if not items.exists():
            problems.append("评查标准没有评查项目")
        if problems:
            raise GuardFailed("；".join(problems), code="rubric_invalid")
        locked.status = RubricStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.save(update_fields=["status", "published_at"])
        record_event(
            "supervision.rubric_publish",
            actor=actor,
            obj=locked,
            data={"code": locked.code, "version": locked.version, "max_points": max_points},
        )
    return locked


def copy_rubric(rubric: Rubric, *, actor: Any) -> Rubric:
    """A new draft version with the same sections and items (the original stays as it was)."""
    if not may_maintain(actor):
        raise NotAllowed("只有系统管理员可以维护评查标准")
    with transaction.atomic():
        version = (Rubric.objects.filter(code=rubric.code).aggregate(v=Max("version"))["v"] or 0) + 1
        new = Rubric.objects.create(
            code=rubric.code,
            version=version,
            name=rubric.name,
            basis_note=rubric.basis_note,
            excellent_min=rubric.excellent_min,
            pass_min=rubric.pass_min,
            copied_from=rubric,
        )
        for section in rubric.sections.prefetch_related("items"):
            new_section = RubricSection.objects.create(
                rubric=new, code=section.code, name=section.name, order=section.order, is_veto=section.is_veto
            )
            RubricItem.objects.bulk_create(
                RubricItem(
                    section=new_section,
                    code=i.code,
                    text=i.text,
                    points=i.points,
                    is_veto=i.is_veto,
                    auto_check=i.auto_check,
                    order=i.order,
                )
                for i in section.items.all()
            )
        record_event(
            "supervision.rubric_copy", actor=actor, obj=new, data={"code": new.code, "version": version}
        )
    return new
