"""Signed-in sessions (a random id in an HttpOnly cookie → a role) and the throttle of failed credentials."""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass

from assistant.web.auth import Role

COOKIE = "khabar_session"
SESSION_SECONDS = 12 * 3600
"""How long a sign-in lasts: a working day (chosen for the portal use, not measured)."""
MAX_SESSIONS = 10_000
"""Sessions kept at most; the oldest is forgotten first (sign-ins need a valid key, so this bounds memory only)."""
FAILURES_ALLOWED = 5
FAILURE_WINDOW_SECONDS = 60.0
"""A client with FAILURES_ALLOWED failed credentials in the window is refused until the oldest leaves it
(hand-set: a person mistyping a key a few times is not locked out, a guesser gets 5 tries a minute)."""
MAX_CLIENTS_TRACKED = 10_000


@dataclass(frozen=True)
class Session:
    """A signed-in browser: its role, whether it may read only through /embed/, and when it ends."""

    role: Role
    embed_only: bool
    expires: float


class Sessions:
    """Session ids to sessions, in memory (a restart signs everyone out); thread-safe."""

    def __init__(self, clock=time.monotonic) -> None:
        self._sessions: OrderedDict[str, Session] = OrderedDict()
        self._lock = threading.Lock()
        self._clock = clock

    def start(self, role: Role, embed_only: bool = False) -> str:
        """A new session id for this role."""
        session_id = secrets.token_urlsafe(32)
        with self._lock:
            self._sessions[session_id] = Session(role, embed_only, self._clock() + SESSION_SECONDS)
            while len(self._sessions) > MAX_SESSIONS:
                self._sessions.popitem(last=False)
        return session_id

    def get(self, session_id: str | None) -> Session | None:
        """The live session of this id, or None (unknown or expired)."""
        if not session_id:
            return None
        with self._lock:
            session = self._sessions.get(session_id)
            if session is not None and session.expires < self._clock():
                del self._sessions[session_id]
                return None
            return session

    def end(self, session_id: str | None) -> None:
        """Forget a session (sign-out)."""
        with self._lock:
            self._sessions.pop(session_id or "", None)


class Throttle:
    """Failed credentials per client address: after FAILURES_ALLOWED in the window, the client must wait."""

    def __init__(self, clock=time.monotonic) -> None:
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._clock = clock

    def _recent(self, client: str, now: float) -> deque[float]:
        """The client's failures inside the window (older ones dropped)."""
        times = self._failures.get(client, deque())
        while times and times[0] <= now - FAILURE_WINDOW_SECONDS:
            times.popleft()
        return times

    def wait_seconds(self, client: str) -> int:
        """Seconds until this client may try a credential again; 0 when it may now."""
        now = self._clock()
        with self._lock:
            times = self._recent(client, now)
            if len(times) < FAILURES_ALLOWED:
                return 0
            return max(1, int(times[0] + FAILURE_WINDOW_SECONDS - now + 1))

    def fail(self, client: str) -> int:
        """Count a failure; how many this client has in the window."""
        now = self._clock()
        with self._lock:
            if len(self._failures) > MAX_CLIENTS_TRACKED:
                self._failures = {c: t for c, t in self._failures.items() if t and t[-1] > now - FAILURE_WINDOW_SECONDS}
            times = self._recent(client, now)
            times.append(now)
            self._failures[client] = times
            return len(times)
