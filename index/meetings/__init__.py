"""Who met whom: meeting events extracted from articles, stored beside the manifest, queried as plain data."""

from index.meetings.extract import extract_meetings
from index.meetings.model import Meeting, Participant, Status
from index.meetings.store import MeetingsExtension

__all__ = ["Meeting", "MeetingsExtension", "Participant", "Status", "extract_meetings"]
