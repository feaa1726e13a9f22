"""``{% object_panels obj %}``: the panels other apps registered for this kind of object (core registry)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from ..registry import object_panels as panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def object_panels(context: Any, obj: Any) -> SafeString:
    request = context.get("request")
    label = f"{obj._meta.app_label}.{obj._meta.model_name}"
    parts = []
    for panel in panels_for(label):
        data = panel.context(request, obj)
        if data:
            parts.append(render_to_string(panel.template, {"panel": data, "obj": obj}, request=request))
    return mark_safe("".join(parts))  # noqa: S308  # rendered templates, autoescaped by Django
