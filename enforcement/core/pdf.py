"""PDF rendering of 文书 with WeasyPrint: Django template → HTML → A4 PDF with CJK fonts.

Layout follows GB/T 9704-2012 《党政机关公文格式》 as far as an enforcement form allows: A4, top margin
37 mm, left 28 mm, right 26 mm, bottom 35 mm; page numbers "— 1 —" below the text block, odd pages
right and even pages left. Fonts are set in ``templates/documents/_document.css``: the standard's
仿宋_GB2312 (body) and 方正小标宋 (titles) are proprietary, so "Noto Serif CJK SC" approximates the
former and its Bold (falling back to "Noto Sans CJK SC") the latter (Debian ``fonts-noto-cjk``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string

_DIGITS = "〇一二三四五六七八九"


def _chinese_number(n: int) -> str:
    """1–31 as written in dates: 一 … 十, 十一 … 十九, 二十, 二十一 … 三十一."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    prefix = "" if tens == 1 else _DIGITS[tens]
    return prefix + "十" + (_DIGITS[ones] if ones else "")


def chinese_date(date: dt.date) -> str:
    """``2026-11-25`` → ``二〇二六年十一月二十五日``. Pure.

    The year is read digit by digit with 〇 for zero; month and day are counted (十一, 二十五). This is
    how 执法文书 forms write the signature date. (GB/T 9704-2012 §7.3.5.3 switched 公文 成文日期 to
    Arabic numerals; enforcement forms kept the Chinese form, which the platform uses.)
    """
    year = "".join(_DIGITS[int(d)] for d in f"{date.year:04d}")
    return f"{year}年{_chinese_number(date.month)}月{_chinese_number(date.day)}日"


def _weasyprint() -> Any:
    # Imported lazily: WeasyPrint loads Pango/HarfBuzz, which only PDF-producing code paths need.
    import weasyprint

    return weasyprint


def _local_file_for(url: str) -> Path | None:
    """Map a ``file://`` URL whose path is under STATIC_URL or MEDIA_URL to the file it names."""
    from django.contrib.staticfiles import finders

    path = unquote(urlsplit(url).path)
    static_url, media_url = str(settings.STATIC_URL), str(settings.MEDIA_URL)
    if path.startswith(static_url):
        name = path[len(static_url) :]
        collected = Path(settings.STATIC_ROOT) / name
        if collected.is_file():
            return collected
        found = finders.find(name)
        return Path(found) if isinstance(found, str) else None
    if path.startswith(media_url):
        root = Path(settings.MEDIA_ROOT).resolve()
        candidate = (root / path[len(media_url) :]).resolve()
        return candidate if candidate.is_relative_to(root) and candidate.is_file() else None
    return None


def _url_fetcher() -> Any:
    """A fetcher that reads only our static and media files (and data: URLs): no network, no other files."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith("file:"):
                local = _local_file_for(url)
                if local is not None:
                    return URLFetcherResponse(local.as_uri(), local.read_bytes())
            raise ValueError(f"文书模板只能引用本系统静态文件：{url}")

    return LocalOnlyFetcher(allowed_protocols={"file", "data"})


def render_html(template_name: str, context: dict[str, Any]) -> str:
    return render_to_string(template_name, context)


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """Render ``template_name`` (extending ``documents/base.html``) with ``context`` to PDF bytes.

    ``{% static %}`` and ``/media/`` URLs resolve to local files; anything else is refused, so a
    template cannot make the server fetch remote resources. Template errors propagate.
    """
    weasyprint = _weasyprint()
    html = render_html(template_name, context)
    document = weasyprint.HTML(
        string=html, base_url=Path(settings.BASE_DIR).as_uri() + "/", url_fetcher=_url_fetcher()
    )
    pdf: bytes = document.write_pdf()
    return pdf
