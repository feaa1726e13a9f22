"""What an uploaded file is, judged by its bytes (never its name or the browser's content type).

Pure checks over bytes: ``detect`` recognises the allowed formats with ``filetype`` (magic numbers) and
then looks inside the formats that can carry active content — a PDF with JavaScript or launch actions,
an Office container that expands far beyond its size (zip bomb) or carries macros, an image whose pixel
count would exhaust memory. Markup (HTML, SVG, XML) and scripts are refused outright: a browser may run
them. Every refusal is an ``UploadRefused`` with the reason in Chinese.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

import filetype

from ..exceptions import InvalidInput


class UploadRefused(InvalidInput):
    code = "upload_refused"


@dataclass(frozen=True)
class Detected:
    kind: str  # image | pdf | office | audio | video
    mime: str
    extension: str


KIND_LABELS = {"image": "图片", "pdf": "PDF", "office": "Office 文档", "audio": "音频", "video": "视频"}
IMAGE_MIMES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp", "image/tiff", "image/heic"}
PDF_MIMES = {"application/pdf"}
OFFICE_MIMES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
}
ZIP_OFFICE_MIMES = {m for m in OFFICE_MIMES if "openxml" in m or "opendocument" in m}

DAMAGED = "upload_damaged"
MAX_IMAGE_PIXELS = 60_000_000  # a 60-megapixel photo; beyond it decoding exhausts the server's memory
MAX_ZIP_EXPANDED = 200 * 1024 * 1024  # an Office document's members may expand to 200 MB in all …
MAX_ZIP_RATIO = 100  # … and to at most 100 times their compressed size
MIN_RATIO_CHECKED = 10 * 1024 * 1024  # small documents compress well and are harmless whatever the ratio
MAX_ZIP_MEMBERS = 10_000

# Markup and scripts a browser or a shell would run: refused whatever the file is called.
_ACTIVE_TEXT = re.compile(
    rb"<\s*(!doctype|html|head|body|script|svg|iframe|object|embed|xml|\?xml)\b|^#!|<\?php",
    re.IGNORECASE | re.MULTILINE,
)
# PDF names that run something; a name may spell characters as #xx, decoded before the search.
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA|SubmitForm|ImportData)\b")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def kind_of(mime: str) -> str | None:
    if mime in IMAGE_MIMES:
        return "image"
    if mime in PDF_MIMES:
        return "pdf"
    if mime in OFFICE_MIMES:
        return "office"
    if mime.startswith("audio/"):
        return "audio"
    if mime.startswith("video/"):
        return "video"
    return None


def detect(data: bytes, allowed: frozenset[str]) -> Detected:
    """The type of ``data`` when it is one of the ``allowed`` kinds and carries no active content."""
    allowed_text = "、".join(KIND_LABELS[k] for k in sorted(allowed))
    if not data:
        raise UploadRefused("文件为空", fields={"file": ["文件为空"]})
    guess = filetype.guess(data[:8192])
    if guess is None:
        if _ACTIVE_TEXT.search(data[:65536]):
            reason = "不允许上传网页、SVG 或脚本文件（可能在浏览器中执行代码）"
        else:
            reason = f"无法识别的文件内容，只接受：{allowed_text}"
        raise UploadRefused(reason, fields={"file": [reason]})
    kind = kind_of(guess.mime)
    if kind is None or kind not in allowed:
        reason = f"文件内容为 {guess.extension} 格式，此处只接受：{allowed_text}"
        raise UploadRefused(reason, fields={"file": [reason]})
    detected = Detected(kind=kind, mime=guess.mime, extension=guess.extension)
    if kind == "pdf":
        _check_pdf(data)
    elif kind == "image":
        _check_image(data)
    elif guess.mime in ZIP_OFFICE_MIMES:
        check_zip_container(data)
    return detected


def _refuse(reason: str) -> None:
    raise UploadRefused(reason, fields={"file": [reason]})


def _check_pdf(data: bytes) -> None:
    names = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)
    found = _PDF_ACTIVE.search(names)
    if found:
        _refuse(f"PDF 含有可执行内容（{found.group(1).decode()}），请另存为不含脚本的 PDF 后上传")


def _check_image(data: bytes) -> None:
    from PIL import Image  # Pillow comes with WeasyPrint

    too_large = "图片像素过大，请压缩到 6000 万像素以内后上传"
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size  # header only: nothing is decoded yet
    except Image.DecompressionBombError:
        _refuse(too_large)
        return
    except Exception:
        _refuse("图片文件已损坏或格式不完整")
        return
    if width * height > MAX_IMAGE_PIXELS:
        _refuse(too_large)


def check_zip_container(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        reason = "Office 文档已损坏或格式不完整"
        raise UploadRefused(reason, code=DAMAGED, fields={"file": [reason]}) from None
    if len(members) > MAX_ZIP_MEMBERS:
        _refuse("Office 文档包含的部件过多，疑似压缩炸弹")
    expanded = sum(m.file_size for m in members)
    compressed = sum(m.compress_size for m in members) or 1
    suspicious_ratio = expanded > MIN_RATIO_CHECKED and expanded > compressed * MAX_ZIP_RATIO
    if expanded > MAX_ZIP_EXPANDED or suspicious_ratio:
        _refuse("Office 文档解压后体积异常（疑似压缩炸弹），已拒收")
    if any(m.filename.lower().endswith("vbaproject.bin") for m in members):
        _refuse("Office 文档含有宏，请另存为不含宏的格式后上传")
