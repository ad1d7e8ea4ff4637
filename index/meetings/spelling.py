"""How alike two spellings of a name sound, across scripts: Persian and Latin letters mapped to one sound skeleton.

Persian writes no short vowels, so both scripts are reduced to their consonants, one class per sound both scripts
tell apart (پ/p and ب/b, ک/k and گ/g, ق غ/q gh, خ/kh), sounds transliteration confuses near each other (swapping
t/d, s/z, k/g/q/kh, p/b costs less), and the letters that stand for vowels or glides
(ا ی و ه ح, and a, i, y, o, u, v, w, h) kept as weak sounds: dropping or adding one costs a fraction of a consonant. The
similarity is one minus the weighted edit distance over the longer skeleton.
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.meetings.fold import fold

WEAK = frozenset("yhwa")
"""Glides and vowel letters: present in one spelling and absent in the other all the time («روحانی» / Rouhani)."""
WEAK_COST = 0.3
NEAR_COST = 0.4
"""Costs of a weak sound dropped and of a near pair swapped (t/d, k/g, ...), as a share of a consonant's edit."""
_NEAR = frozenset(
    {
        ("T", "D"),
        ("S", "Z"),
        ("F", "w"),
        ("J", "Z"),
        ("X", "S"),
        ("B", "P"),
        ("K", "G"),
        ("K", "Q"),
        ("G", "Q"),
        ("C", "K"),
        ("C", "Q"),
        ("H", "J"),
        ("H", "X"),
        ("K", "S"),
    }
)

_PERSIAN = {
    "ب": "B",
    "پ": "P",
    **dict.fromkeys("تط", "T"),
    "د": "D",
    **dict.fromkeys("ثسص", "S"),
    **dict.fromkeys("ذزضظژ", "Z"),
    "ش": "X",
    "ج": "J",
    "چ": "H",
    "ک": "K",
    "گ": "G",
    **dict.fromkeys("قغ", "Q"),
    "خ": "C",
    "ل": "L",
    "ر": "R",
    "م": "M",
    "ن": "N",
    "ف": "F",
    "ی": "y",
    "ا": "a",
    "و": "w",
    **dict.fromkeys("هح", "h"),
}
"""Persian letters (folded) to sound classes; ع and hamza carry vowels and are dropped, ا is a weak a."""
_LATIN_DIGRAPHS = (("sh", "X"), ("kh", "C"), ("gh", "Q"), ("ch", "H"), ("zh", "Z"), ("ph", "F"), ("ck", "K"))
_LATIN = {
    "b": "B",
    "p": "P",
    "t": "T",
    "d": "D",
    **dict.fromkeys("sc", "S"),
    "z": "Z",
    "j": "J",
    "k": "K",
    "g": "G",
    "q": "Q",
    "l": "L",
    "r": "R",
    "m": "M",
    "n": "N",
    "f": "F",
    "x": "KS",
    **dict.fromkeys("iy", "y"),
    "a": "a",
    **dict.fromkeys("ouvw", "w"),
    "h": "h",
}
"""Latin letters to the same classes; e (a short vowel Persian does not write) is dropped."""
_HARD_C = re.compile(r"c(?![eiy])")


def is_latin(text: str) -> bool:
    """Whether a name is written in Latin letters."""
    return bool(re.search(r"[A-Za-z]", text)) and not re.search(r"[\u0600-\u06ff]", text)


def _collapse(classes: list[str]) -> str:
    """Doubled sounds written once («Mohammad» and «محمد» both have one m)."""
    out: list[str] = []
    for sound in classes:
        if not out or out[-1] != sound:
            out.append(sound)
    return "".join(out)


@lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """The sound skeleton of a name in either script: «لاوروف» and "Lavrov" → close strings of sound classes."""
    if is_latin(name):
        text = name.lower()
        for digraph, sound in _LATIN_DIGRAPHS:
            text = text.replace(digraph, sound)
        text = _HARD_C.sub("k", text)
        return _collapse([c if c.isupper() else _LATIN.get(c, "") for c in text])
    return _collapse([_PERSIAN.get(c, "") for c in fold(name)])


def _cost(a: str, b: str) -> float:
    """The cost of writing sound `a` where the other spelling has `b`."""
    if a == b:
        return 0.0
    return NEAR_COST if (a, b) in _NEAR or (b, a) in _NEAR else 1.0


def _weight(sound: str) -> float:
    """The cost of a sound one spelling has and the other lacks."""
    return WEAK_COST if sound in WEAK else 1.0


def sound_similarity(first: str, second: str) -> float:
    """How alike two names sound, 0 to 1 (1: the same skeleton), by weighted edit distance over the skeletons."""
    a, b = skeleton(first), skeleton(second)
    if not a or not b:
        return 0.0
    previous = [0.0]
    for sound in b:
        previous.append(previous[-1] + _weight(sound))
    for x in a:
        current = [previous[0] + _weight(x)]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + _weight(x), current[j - 1] + _weight(y), previous[j - 1] + _cost(x, y)))
        previous = current
    length = max(sum(map(_weight, a)), sum(map(_weight, b)))
    return max(0.0, 1.0 - previous[-1] / length)


def strong_sounds(name: str) -> int:
    """How many consonants (not weak sounds) a name's skeleton holds: short skeletons match by chance."""
    return sum(1 for sound in skeleton(name) if sound not in WEAK)


def spelling_features(first: str, second: str) -> list[float]:
    """What the cross-script decision reads: the sound similarity and the shorter skeleton's consonant count."""
    return [sound_similarity(first, second), float(min(strong_sounds(first), strong_sounds(second)))]
