"""English meeting patterns: "X met Y", "X held talks with Y", "X will meet Y", "X and Y met", "meeting with Y"."""

from __future__ import annotations

import re

from index.meetings.found import Found
from index.meetings.model import Status

_SIDE_WORDS = (
    "of the for and de bin von van foreign prime deputy minister president secretary general ambassador chief head "
    "leader speaker envoy counterpart officials delegation"
)
_SIDE = rf"[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|al-\w+|\w+'s|{'|'.join(_SIDE_WORDS.split())}))*"
_VERB = (
    r"(?:met|meets|will\s+meet|would\s+meet|is\s+(?:due|scheduled|expected|set|going)\s+to\s+meet|plans\s+to\s+meet"
    r"|to\s+meet|held\s+talks\s+with|holds\s+talks\s+with|will\s+hold\s+talks\s+with|hosted|received|visited"
    r"|sat\s+down\s+with|talked\s+with)"
)
_MET = re.compile(
    rf"(?P<who>{_SIDE})\s+(?:(?:on|in)\s+\w+\s+)?(?:has\s+|had\s+|have\s+)?(?P<verb>{_VERB})\s+(?:with\s+)?(?P<whom>{_SIDE})"
)
_MUTUAL = re.compile(rf"(?P<who>{_SIDE})\s+and\s+(?P<whom>{_SIDE})\s+(?P<verb>met|will\s+meet|held\s+talks)")
_NOUN = re.compile(
    rf"(?:meeting|talks)\s+between\s+(?P<who>{_SIDE})\s+and\s+(?P<whom>{_SIDE})|(?P<who2>{_SIDE})'s\s+(?:meeting|talks)\s+with\s+(?P<whom2>{_SIDE})"
)
_DENIED = re.compile(
    r"\b(?:denied|denies|rejected\s+reports|did\s+not\s+meet|never\s+met|no\s+meeting|rumou?rs?)\b", re.IGNORECASE
)
_PLANNED = re.compile(
    r"\b(?:will|would|due|scheduled|expected|plans?|to\s+meet|next\s+week|tomorrow|upcoming)\b", re.IGNORECASE
)
_SPORTS = re.compile(
    r"\b(?:match|game|goals?|league|cup|beat|defeated|scored?|tournament|fixture|draw)\b", re.IGNORECASE
)
_LEADING = re.compile(r"^(?:The|On|In|Earlier|Later|Meanwhile|Also|And|But)\s+(?:\w+\s+)?(?=[A-Z])")


def _status(sentence: str) -> Status:
    """Denied, planned or happened, from the sentence's wording."""
    if _DENIED.search(sentence):
        return "denied"
    return "planned" if _PLANNED.search(sentence) else "happened"


def _side(match: re.Match[str], name: str) -> tuple[int, int]:
    """A side's span without a leading "The" or "On Monday"."""
    start, end = match.span(name)
    lead = _LEADING.match(match.string, start, end)
    return (lead.end() if lead else start, end)


def find_english(sentence: str) -> list[Found]:
    """Every meeting pattern of an English sentence; match reports left out."""
    if _SPORTS.search(sentence):
        return []
    status = _status(sentence)
    found = []
    for pattern in (_MET, _MUTUAL, _NOUN):
        for match in pattern.finditer(sentence):
            who, whom = ("who", "whom") if match.group("who") else ("who2", "whom2")
            found.append(Found(_side(match, who), _side(match, whom), status, match.start()))
    return found
