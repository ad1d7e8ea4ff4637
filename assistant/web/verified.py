"""How an answer shows its checking: which sentences were verified, the notice, and (on request) what was removed."""

from __future__ import annotations

from html import escape

from assistant.answer import Answer

_WORDS = {
    True: {
        "checked": "✓ هر جملهٔ این پاسخ را مدل زبانی نوشته و با متن منبعی که به آن ارجاع می‌دهد سنجیده شده است.",
        "removed": "{n} جمله که منابع تأییدش نکردند حذف شد",
    },
    False: {
        "checked": "✓ Each sentence was written by the language model and checked against the source it cites.",
        "removed": "{n} sentences the sources did not support were removed",
    },
}


def verification_html(answer: Answer, persian: bool) -> str:
    """The checked note of a generated answer, its notice, and a closed list of the removed sentences and why."""
    words = _WORDS[persian]
    parts = []
    if answer.answerer == "generative":
        parts.append(f'<p class="kh-checked">{escape(words["checked"])}</p>')
    if answer.notice:
        parts.append(f'<p class="kh-notice" dir="auto">{escape(answer.notice)}</p>')
    if answer.unsupported:
        items = "".join(
            f'<li><span dir="auto">{escape(item.text)}</span> <code>{escape(item.reason)}</code></li>'
            for item in answer.unsupported
        )
        summary = escape(words["removed"].format(n=len(answer.unsupported)))
        parts.append(f'<details class="kh-removed"><summary>{summary}</summary><ul>{items}</ul></details>')
    return "".join(parts)
