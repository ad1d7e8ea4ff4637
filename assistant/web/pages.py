"""What Gradio's own pages are corrected to: declared Persian right-to-left in the HTML itself (not only by a
script). Error bodies, an unknown route's 404 among them, are `assistant/web/failures.py`'s."""

from __future__ import annotations

import re

_HTML_TAG = re.compile(rb"<html\s+lang=\"en\"")
_DECLARED = b'<html lang="fa" dir="rtl"'


class RtlPages:
    """A `BodyRewrite` declaring an HTML page (Gradio's say `lang="en"`) Persian and right-to-left."""

    def wants(self, status: int, content_type: bytes) -> bool:
        """Every HTML page (they are small)."""
        return content_type.startswith(b"text/html")

    def rewrite(self, status: int, content_type: bytes, body: bytes) -> tuple[bytes, bytes] | None:
        """The page with its language declared."""
        return content_type, _HTML_TAG.sub(_DECLARED, body, count=1)
