"""`khabar serve`: the chat UI and the HTTP API in one process, on 127.0.0.1:7860 unless told otherwise."""

from __future__ import annotations

import argparse
import threading

from assistant.commands.common import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    add_answerer_option,
    add_index_options,
    assistant_settings,
    opened_index,
    warn,
)
from assistant.config import server_settings
from index.embeddings import make_embedder


def register(commands: argparse._SubParsersAction) -> None:
    """Add the serve parser."""
    parser = commands.add_parser("serve", help="serve the chat UI and the HTTP API")
    parser.add_argument("--host", help="address to listen on (default 127.0.0.1; others need KHABAR_API_KEYS)")
    parser.add_argument("--port", type=int, help="port (default 7860; 0 picks a free one)")
    add_answerer_option(parser)
    add_index_options(parser)
    parser.set_defaults(run=run)


def _announce(server, host: str) -> None:
    """Once the server listens, print where: the chat, the chat-only page for portals, and the API docs."""
    while not server.started:
        if server.should_exit:
            return
        threading.Event().wait(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    base = f"http://{f'[{host}]' if ':' in host else host}:{port}"
    print(f"khabar: chat at {base}/  (portals: {base}/embed/ · API docs: {base}/docs)", flush=True)


def _load(backend) -> None:
    """Load the model; a failure is reported here and by /readyz."""
    try:
        backend.load()
    except Exception as error:  # any loading failure: the server stays up and /readyz says why
        warn(f"cannot load the embedding model: {error}")


def run(args: argparse.Namespace) -> int:
    """Open the index, load the model in the background, and serve until interrupted."""
    try:
        settings = server_settings(args.host, args.port)
    except ValueError as error:
        raise CommandError(str(error), EXIT_USAGE) from error
    answering = assistant_settings(args)
    import uvicorn

    from assistant.web.backend import Backend
    from assistant.web.server import create_app

    with opened_index(args) as news_index:
        backend = Backend(news_index, lambda: make_embedder(news_index.settings.embedder), answering)
        loader = threading.Thread(target=_load, args=(backend,), name="khabar-load", daemon=True)
        loader.start()
        if settings.open_access:
            warn("no API keys (KHABAR_API_KEYS): serving to this machine only, without authentication")
        if not settings.admin_token:
            warn("no admin token (KHABAR_ADMIN_TOKEN): ingest and remove through the web are disabled")
        if news_index.manifest.stats()["articles"] == 0:
            warn(f"the index at {news_index.settings.home} is empty: run `khabar ingest PATH` or use the admin tab")
        app = create_app(backend, settings)
        config = uvicorn.Config(
            app, host=settings.host, port=settings.port, log_level="warning", timeout_graceful_shutdown=3
        )
        server = uvicorn.Server(config)
        threading.Thread(target=_announce, args=(server, settings.host), daemon=True).start()
        try:
            server.run()
        except SystemExit as error:  # uvicorn exits when it cannot listen; its log line says why
            if server.started:
                raise
            address = f"{settings.host}:{settings.port}"
            raise CommandError(f"cannot listen on {address}: choose another --port or --host", EXIT_USAGE) from error
        finally:
            loader.join()  # torch torn down in the middle of loading aborts the process at exit
    return EXIT_OK
