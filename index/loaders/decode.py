"""Bytes to text: UTF-8 (BOM or not), UTF-16 (BOM or not) and Windows-1256, strictly; binary and empty input refused."""

from __future__ import annotations

import codecs
import unicodedata

from index.loaders.errors import LoaderError

MAX_FILE_BYTES = 50 * 1024 * 1024
"""The largest file or download read, in bytes."""

ARABIC_SCRIPT_SHARE = 0.8
"""The share of non-ASCII characters that must be Arabic-script for a Windows-1256 reading to be accepted."""

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF), (0x200C, 0x200F))


def decode(data: bytes, origin: str, charset: str = "") -> str:
    """The text of a file or download; `charset` (from an HTTP header) is tried after UTF-8."""
    if len(data) > MAX_FILE_BYTES:
        raise LoaderError(origin, f"{len(data)} bytes, over the limit of {MAX_FILE_BYTES}")
    text = _decode(data, origin, charset)
    if not text.strip():
        raise LoaderError(origin, "empty")
    return text


def _decode(data: bytes, origin: str, charset: str) -> str:
    """The decoded text, before the emptiness check."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise LoaderError(origin, f"cannot decode: broken UTF-16 at byte {error.start}") from None
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise LoaderError(origin, "binary file, not text")
        return text
    for encoding in ("utf-8-sig", charset):
        try:
            return data.decode(encoding).removeprefix("\ufeff")
        except (UnicodeDecodeError, LookupError):
            continue
    text = data.decode("cp1256")
    if _mostly_arabic_script(text):
        return text
    raise LoaderError(origin, "cannot decode: not UTF-8, UTF-16 or Windows-1256")


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of UTF-16 written without a byte-order mark (its zero bytes all on one side), else None."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if (even == 0) == (odd == 0):
        return None
    try:
        text = data.decode("utf-16-le" if odd else "utf-16-be")
    except UnicodeDecodeError:
        return None
    if any(unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") and char not in "\t\n\r\f\v" for char in text):
        return None
    return text


def _mostly_arabic_script(text: str) -> bool:
    """Whether a Windows-1256 reading looks like Persian/Arabic text rather than another encoding or binary."""
    if any(unicodedata.category(char) == "Cc" and char not in "\t\n\r\f\v" for char in text):
        return False
    foreign = [ord(char) for char in text if ord(char) > 127]
    arabic = sum(any(low <= code <= high for low, high in _ARABIC_BLOCKS) for code in foreign)
    return arabic >= ARABIC_SCRIPT_SHARE * len(foreign)
