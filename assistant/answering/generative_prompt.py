"""The prompt of a generative answer: instructions in the question's language and the numbered passages."""

from __future__ import annotations

from assistant.answer import Passage
from assistant.answering.verification.verifier import language_of

DECLINED = frozenset({"پاسخی پیدا نشد", "not found"})
"""What the instructions tell the model to write when the passages do not answer (folded to lower case)."""
_INSTRUCTIONS = {
    "fa": (
        "تو دستیار خبری هستی. فقط با استفاده از متن‌های شماره‌دار زیر به پرسش پاسخ بده، به فارسی و در یک تا سه "
        "جملهٔ کوتاه. پایان هر جمله شمارهٔ متنی را که آن جمله از آن آمده در کروشه بیاور، مانند [1]. هیچ عدد، "
        "تاریخ یا نامی را که در آن متن نیست ننویس. اگر متن‌ها پاسخ را ندارند، بنویس: پاسخی پیدا نشد."
    ),
    "en": (
        "You are a news assistant. Answer the question using only the numbered passages below, in English, in one "
        "to three short sentences. End every sentence with the number of the passage it comes from in brackets, "
        "like [1]. Never write a number, date or name that is not in that passage. If the passages do not answer "
        "the question, write: Not found."
    ),
}
_LABELS = {"fa": ("متن‌ها", "پرسش"), "en": ("Passages", "Question")}


def prompt_messages(question: str, passages: list[Passage]) -> list[tuple[str, str]]:
    """(role, text) messages: the system instructions, then the passages numbered from 1 and the question."""
    language = language_of(question)
    passages_label, question_label = _LABELS[language]
    numbered = []
    for n, passage in enumerate(passages, start=1):
        when = f", {passage.published.isoformat()}" if passage.published else ""
        numbered.append(f"[{n}] ({passage.title}{when}) {passage.text.strip()}")
    body = f"{passages_label}:\n" + "\n\n".join(numbered) + f"\n\n{question_label}: {question}"
    return [("system", _INSTRUCTIONS[language]), ("human", body)]
