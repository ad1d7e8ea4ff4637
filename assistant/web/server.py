"""The whole web app: the API with the chat UI mounted on it, for `khabar serve` and the tests."""

from __future__ import annotations

from assistant.web.api import create_api
from assistant.web.backend import Backend
from assistant.web.gate import Gatekeeper
from assistant.web.settings import ServerSettings
from index.loaders import FetchPolicy


def create_app(backend: Backend, settings: ServerSettings, ui: bool = True):
    """The FastAPI app serving the API, and (with `ui`) the chat at / and the chat-only page at /embed/."""
    keeper = Gatekeeper(settings)
    app = create_api(backend, settings, keeper)
    if ui:
        from assistant.web.ui import mount_ui

        mount_ui(app, backend, keeper, FetchPolicy(allow=settings.fetch_allow))
    return app
