"""Persian names written in Latin letters the way English news spells them roughly («لاوروف» → "Lavruf"), so that
the gate's training can ask English questions about the people of Persian news."""

from __future__ import annotations

from index.meetings.fold import fold

_LETTERS = {
    "ا": "a", "آ": "a", "ب": "b", "پ": "p", "ت": "t", "ث": "s", "ج": "j", "چ": "ch", "ح": "h", "خ": "kh", "د": "d",
    "ذ": "z", "ر": "r", "ز": "z", "ژ": "zh", "س": "s", "ش": "sh", "ص": "s", "ض": "z", "ط": "t", "ظ": "z", "غ": "gh",
    "ف": "f", "ق": "gh", "ک": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n", "ه": "h",
}  # fmt: skip
"""Consonants and ا; و and ی are read by place (consonants beside a vowel letter, vowels between consonants), ع and
hamza are not written."""
_VOWELS = frozenset("aeiou")


def _glide(word: str, position: int) -> bool:
    """Whether و or ی at the position is a consonant (v, y): first, or beside ا or another vowel letter."""
    before = word[position - 1] if position else ""
    after = word[position + 1] if position + 1 < len(word) else ""
    return position == 0 or (before != "" and before in "اآ") or (after != "" and after in "اآ")


def _word(word: str) -> str:
    """One Persian word in Latin letters, capitalized: و and ی as v / y or o / i by place, final ه as e, and the
    short vowel Persian does not write put as a between two consonants (Hsn → Hasan)."""
    sounds: list[str] = []
    for position, letter in enumerate(word):
        if letter in "وی":
            consonant = _glide(word, position)
            sound = ("v" if letter == "و" else "y") if consonant else ("o" if letter == "و" else "i")
        elif letter == "ه" and position == len(word) - 1 and position > 0:
            sound = "e"
        else:
            sound = _LETTERS.get(letter, "")
        if sound and sounds and sounds[-1][-1] not in _VOWELS and sound[0] not in _VOWELS and sound[0] not in "vy":
            sounds.append("a")
        if sound:
            sounds.append(sound)
    return "".join(sounds).capitalize()


def romanized(name: str) -> str:
    """A Persian name in Latin letters, word by word (words with no letter left are dropped)."""
    return " ".join(w for w in (_word(part) for part in fold(name).split()) if w)
