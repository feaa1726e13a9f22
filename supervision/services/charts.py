"""Charts drawn server-side as SVG by pygal for the PDFs (WeasyPrint), with the CJK font: the 年报's and
the 效能评估's. The pages draw the same data with the vendored ECharts."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

CJK_FONT = "Noto Sans CJK SC"
COLORS = ("#2f6fb0", "#d9822b", "#3a9a5b", "#a23b72", "#6c757d", "#c0392b")


def _style() -> object:
    from pygal.style import Style

    return Style(font_family=CJK_FONT, background="white", plot_background="white", colors=COLORS)


def bar_chart(title: str, labels: list[str], values: Sequence[float | None]) -> str:
    """A horizontal bar chart, one bar per label, values printed."""
    import pygal

    chart = pygal.HorizontalBar(
        style=_style(),
        width=640,
        height=320,
        show_legend=False,
        title=title,
        print_values=True,
        disable_xml_declaration=True,
        js=[],
    )
    chart.x_labels = labels
    chart.add(title, list(values))
    return str(chart.render(is_unicode=True))


def line_chart(title: str, labels: list[str], series: dict[str, Sequence[float | None]]) -> str:
    """A line chart over ``labels`` (e.g. half-years), one line per series; None leaves a gap."""
    import pygal

    chart = pygal.Line(
        style=_style(),
        width=640,
        height=300,
        title=title,
        legend_at_bottom=True,
        disable_xml_declaration=True,
        allow_interruptions=True,
        js=[],
    )
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(name, list(values))
    # the legend's ids repeat in every chart; several charts share one PDF, so give them a unique prefix
    prefix = uuid.uuid4().hex[:8]
    return str(chart.render(is_unicode=True)).replace('id="activate-serie-', f'id="{prefix}-activate-serie-')
