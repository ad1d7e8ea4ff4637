"""The HTTP API (the one module that imports FastAPI): ask, stream, search, articles, meetings, stats, health, OpenAI.

Routes come in groups, each a function `(router, context)`; a new endpoint is a new group in ROUTE_GROUPS.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi_offline import FastAPIOffline
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from assistant.app import QuestionError
from assistant.meetings.people_json import page_json, person_json, statement_json
from assistant.retrieval.filters import form_day
from assistant.web import openai_compat, schemas
from assistant.web.assets import HEAD, WIDGET_JS
from assistant.web.auth import AccessError, Role
from assistant.web.backend import Backend, NotReadyError
from assistant.web.errors import ApiError, error_body, validation_message
from assistant.web.failures import JsonErrors, internal_error
from assistant.web.gate import ROLE, TOKEN_GIVEN, Gate, Gatekeeper
from assistant.web.headers import SecurityHeaders, script_hashes
from assistant.web.intake import ingest_report, items_from_json, items_from_upload
from assistant.web.limits import BodyLimit
from assistant.web.meetings import TOP_PEOPLE, graph_json, meeting_json
from assistant.web.pages import RtlPages
from assistant.web.rewrites import Rewrites
from assistant.web.settings import ServerSettings
from assistant.web.stream import answer_events, sse
from index.loaders import MAX_FILE_BYTES, FetchPolicy, LoaderError
from index.meetings.model import Status
from index.meetings.persons import PERSON_ID
from index.meetings.query import MeetingFilter, meeting_graph

log = logging.getLogger("khabar.api")
_bearer = HTTPBearer(auto_error=False, description="an API key (KHABAR_API_KEYS), or the admin token for writes")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


@dataclass(frozen=True)
class Context:
    """What route groups build on: the backend, a dependency factory requiring a role, what URL ingest may fetch."""

    backend: Backend
    guard: Callable[[Role], Callable[..., Role]]
    fetch_policy: FetchPolicy

    def needs(self, role: Role):
        """A dependency that refuses callers below `role`."""
        return Depends(self.guard(role))


RouteGroup = Callable[[APIRouter, Context], None]
_ERRORS = {401: {"model": schemas.ErrorOut}, 403: {"model": schemas.ErrorOut}, 422: {"model": schemas.ErrorOut}}
_SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def _error(status: int, message: str, code: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """The JSON error response every failure uses."""
    return JSONResponse(error_body(status, message, code), status_code=status, headers=headers)


def _install_errors(app: FastAPI) -> None:
    """Every error as `{"error": {...}}` JSON with a clear message; unexpected ones logged, never sent."""

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        return _error(422, validation_message(list(error.errors())), "invalid_request")

    @app.exception_handler(QuestionError)
    async def bad_question(_: Request, error: QuestionError) -> JSONResponse:
        return _error(400, str(error), "invalid_question")

    @app.exception_handler(AccessError)
    async def refused(_: Request, error: AccessError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else {}
        if error.retry_after:
            headers["Retry-After"] = str(error.retry_after)
        code = {401: "unauthorized", 429: "rate_limited"}.get(error.status, "forbidden")
        return _error(error.status, str(error), code, headers or None)

    @app.exception_handler(NotReadyError)
    async def not_ready(_: Request, error: NotReadyError) -> JSONResponse:
        return _error(503, str(error), "not_ready", {"Retry-After": "5"})

    @app.exception_handler(ApiError)
    async def api_error(_: Request, error: ApiError) -> JSONResponse:
        return _error(error.status, str(error), error.code)

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, error: HTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}
        return _error(error.status_code, str(error.detail), codes.get(error.status_code, "http_error"), error.headers)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        log.error("%s %s failed: %s", request.method, request.url.path, type(error).__name__, exc_info=error)
        return _error(500, "internal error; the server log has the details.", "internal_error")


def _started(steps: Iterator) -> Iterator:
    """A stream with its first step already taken, so that a bad question is a JSON error rather than a stream."""
    first = next(steps)
    return itertools.chain([first], steps)


def _system_routes(router: APIRouter, context: Context) -> None:
    """Liveness, readiness and the embeddable widget script."""
    backend = context.backend

    @router.get("/healthz", response_model=schemas.HealthOut, tags=["system"])
    def healthz() -> dict:
        """Liveness: the process answers."""
        return {"status": "ok"}

    @router.get(
        "/readyz", response_model=schemas.ReadyOut, tags=["system"], responses={503: {"model": schemas.ErrorOut}}
    )
    def readyz() -> dict:
        """Readiness: the index is open and the embedding model loaded."""
        if not backend.ready:
            raise NotReadyError(backend.load_error or "the embedding model is still loading.")
        stats = backend.stats()
        return {"ready": True, "articles": stats["articles"], "embedder": stats["embedder"]}

    @router.get("/widget.js", tags=["embedding"], response_class=Response)
    def widget() -> Response:
        """A `<script>` for portal pages: a button that opens the chat-only page (/embed/) in a frame."""
        return Response(WIDGET_JS, media_type="text/javascript; charset=utf-8")


def _ask_routes(router: APIRouter, context: Context) -> None:
    """Answers (whole or streamed) and ranked passages."""
    backend, reader = context.backend, context.needs(Role.READER)

    def answer(request: schemas.AskRequest):
        filters = request.filters.search_filters() if request.filters else None
        return backend.ask(request.question, k=request.k, filters=filters, history=request.history)

    def answer_steps(request: schemas.AskRequest) -> Iterator:
        filters = request.filters.search_filters() if request.filters else None
        return _started(backend.ask_stream(request.question, k=request.k, filters=filters, history=request.history))

    @router.post(
        "/api/ask",
        response_model=schemas.AnswerOut,
        tags=["ask"],
        responses=_ERRORS,
        dependencies=[reader],
    )
    def ask(request: schemas.AskRequest) -> dict:
        """Answer a question with cited sentences, or found=false with the closest passages."""
        return answer(request).to_dict()

    @router.post(
        "/api/ask/stream",
        tags=["ask"],
        responses={200: {"content": {"text/event-stream": {}}}, **_ERRORS},
        dependencies=[reader],
        response_class=StreamingResponse,
    )
    def ask_stream(request: schemas.AskRequest) -> StreamingResponse:
        """Server-sent events as the answer is written: `searched`, `sources` (passages), `token` (the model's text,
        unverified), `delta` (each sentence once verified), `removed` (text, reason), `answer` (whole), `done`."""
        steps = answer_steps(request)

        def events() -> Iterator[str]:
            for name, data in answer_events(steps):
                yield sse(name, data)
            yield sse("done", {})

        return StreamingResponse(events(), media_type="text/event-stream", headers=_SSE_HEADERS)

    @router.post(
        "/api/search",
        response_model=schemas.SearchOut,
        tags=["ask"],
        responses=_ERRORS,
        dependencies=[reader],
    )
    def search(request: schemas.SearchRequest) -> dict:
        """The ranked passages for a query (dense and BM25 fused), without an answer."""
        filters = request.filters.search_filters() if request.filters else None
        searched, passages = backend.search(request.question, k=request.k, filters=filters)
        return {"searched": searched, "passages": [p.to_dict() for p in passages]}


def _article_routes(router: APIRouter, context: Context) -> None:
    """Read, list, ingest and remove articles; index statistics."""
    backend, reader, admin = context.backend, context.needs(Role.READER), context.needs(Role.ADMIN)

    @router.get("/api/articles", response_model=schemas.ArticleListOut, tags=["articles"], dependencies=[reader])
    def list_articles(
        q: Annotated[str, Query(max_length=200, description="part of an id, title, agency or URL")] = "",
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict:
        """A page of the indexed articles, newest first."""
        total, rows = backend.articles(q, limit, offset)
        return {"total": total, "articles": [asdict(row) for row in rows]}

    @router.get(
        "/api/articles/{article_id:path}",
        response_model=schemas.ArticleOut,
        tags=["articles"],
        responses={404: {"model": schemas.ErrorOut}},
        dependencies=[reader],
    )
    def get_article(article_id: str) -> dict:
        """The whole article with this id (or URL)."""
        article = backend.article(article_id)
        if article is None:
            raise ApiError(404, f"no article with id or URL {article_id!r}", "unknown_article")
        return {**asdict(article), "tags": list(article.tags)}

    @router.post(
        "/api/articles",
        response_model=schemas.IngestOut,
        tags=["articles"],
        responses={413: {"model": schemas.ErrorOut}, 415: {"model": schemas.ErrorOut}, **_ERRORS},
        dependencies=[admin],
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": schemas.IngestRequest.model_json_schema()},
                    "multipart/form-data": {
                        "schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
                    },
                },
            }
        },
    )
    async def ingest(request: Request) -> dict:
        """Index JSON articles, pages or feeds by URL, or an uploaded file (.json, .jsonl, .csv, .txt, .html, .rss…)."""
        if request.headers.get("content-type", "").startswith("multipart/form-data"):
            items = await items_from_upload(request)
        else:
            body = await request.body()
            items = await run_in_threadpool(items_from_json, body, context.fetch_policy)
        articles = [i for i in items if not isinstance(i, LoaderError)]
        if not articles:
            reasons = "; ".join(str(i) for i in items[:5]) or "nothing to ingest"
            raise ApiError(422, f"no article could be loaded: {reasons}", "nothing_loaded")
        report = await run_in_threadpool(backend.ingest, articles)
        return ingest_report(items, report)

    @router.delete(
        "/api/articles/{article_id:path}",
        response_model=schemas.RemovedOut,
        tags=["articles"],
        responses={404: {"model": schemas.ErrorOut}, **_ERRORS},
        dependencies=[admin],
    )
    def remove_article(article_id: str) -> dict:
        """Remove an article (by id or URL) from the vectors, the BM25 index and the manifest."""
        removed = backend.remove(article_id)
        if removed is None:
            raise ApiError(404, f"no article with id or URL {article_id!r}", "unknown_article")
        return {"removed": removed}

    @router.get("/api/stats", response_model=schemas.StatsOut, tags=["articles"], dependencies=[reader])
    def stats() -> dict:
        """Articles, chunks, vectors, tokens, agencies, the last ingest and the embedder."""
        return backend.stats()


def _meeting_filter(
    person: Annotated[str, Query(max_length=200, description="a name, title or key, e.g. شمخانی")] = "",
    since: Annotated[
        str, Query(max_length=40, description="on or after, 1400-02-25 or 2021-05-15 (else the article date)")
    ] = "",
    until: Annotated[str, Query(max_length=40, description="on or before, in either calendar like since")] = "",
    status: Annotated[Status | None, Query(description="happened, planned or denied")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> MeetingFilter:
    """The meetings filter of the query string; a bad date or an impossible range (since after until) is a 422."""
    try:
        return MeetingFilter(person.strip(), form_day(since, "since"), form_day(until, "until"), status, limit)
    except ValueError as error:
        raise ApiError(422, str(error), "invalid_request") from None


MeetingQuery = Annotated[MeetingFilter, Depends(_meeting_filter)]


@dataclass(frozen=True)
class DateRange:
    """A date range of the query string (either end open) and a row limit."""

    since: date | None
    until: date | None
    limit: int


def _date_range(
    since: Annotated[str, Query(max_length=40, description="on or after, 1400-02-25 or 2021-05-15")] = "",
    until: Annotated[str, Query(max_length=40, description="on or before, in either calendar like since")] = "",
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> DateRange:
    """The date range of the query string; a bad date or since after until is a 422."""
    try:
        start, end = form_day(since, "since"), form_day(until, "until")
    except ValueError as error:
        raise ApiError(422, str(error), "invalid_request") from None
    if start and end and start > end:
        raise ApiError(422, f"since ({start}) must not be after until ({end})", "invalid_request")
    return DateRange(start, end, limit)


Dates = Annotated[DateRange, Depends(_date_range)]


def _meeting_routes(router: APIRouter, context: Context) -> None:
    """Who met whom: the meetings table (by person, date range and status) and its graph."""
    backend, reader = context.backend, context.needs(Role.READER)

    @router.get(
        "/api/meetings",
        response_model=list[schemas.MeetingOut],
        tags=["meetings"],
        responses=_ERRORS,
        dependencies=[reader],
    )
    def meetings(filters: MeetingQuery) -> list[dict]:
        """Meetings matching the filters, newest first (undated last): who, whom, status, when, where, evidence."""
        return [meeting_json(m) for m in backend.meetings(filters)]

    @router.get(
        "/api/meetings/graph",
        response_model=schemas.MeetingGraphOut,
        tags=["meetings"],
        responses=_ERRORS,
        dependencies=[reader],
    )
    def graph(
        filters: MeetingQuery,
        top: Annotated[
            int, Query(ge=1, le=500, description="the busiest people kept (and the edges among them)")
        ] = TOP_PEOPLE,
    ) -> dict:
        """Who met whom among the matching meetings: the `top` busiest people and the edges among them, each edge
        with its cited sentences."""
        return graph_json(meeting_graph(backend.meetings(filters)), top)


def _person_id(backend: Backend, person: str) -> str:
    """The id of the person a query names: an id as given, else the best match of the words; 404 when none."""
    person = person.strip()
    if PERSON_ID.fullmatch(person):
        return person
    found = backend.people(person, limit=1)
    if not found:
        raise ApiError(404, f"no person named {person[:200]!r}", "unknown_person")
    return found[0].id


def _people_routes(router: APIRouter, context: Context) -> None:
    """People: find one by any of their words, their page, and their statements by date range."""
    backend, reader = context.backend, context.needs(Role.READER)

    @router.get(
        "/api/people", response_model=list[schemas.PersonOut], tags=["people"], responses=_ERRORS, dependencies=[reader]
    )
    def people(
        q: Annotated[
            str, Query(max_length=200, description="a name, spelling or title; empty: the most mentioned")
        ] = "",
        limit: Annotated[int, Query(ge=1, le=200)] = 20,
    ) -> list[dict]:
        """People named by the words, best match first, each with every spelling and title and their counts."""
        return [person_json(p) for p in backend.people(q, limit)]

    @router.get(
        "/api/people/{person_id}",
        response_model=schemas.PersonPageOut,
        tags=["people"],
        responses={404: {"model": schemas.ErrorOut}, **_ERRORS},
        dependencies=[reader],
    )
    def person(person_id: str, filters: Dates) -> dict:
        """One person's page: spellings, titles, meetings and statements (since/until apply), newest first."""
        page = backend.person(person_id, filters.since, filters.until)
        if page is None:
            raise ApiError(404, f"no person with id {person_id[:80]!r}", "unknown_person")
        return page_json(page)

    @router.get(
        "/api/statements",
        response_model=list[schemas.StatementOut],
        tags=["people"],
        responses={404: {"model": schemas.ErrorOut}, **_ERRORS},
        dependencies=[reader],
    )
    def statements(
        person: Annotated[str, Query(min_length=1, max_length=200, description="a person id, or words naming one")],
        filters: Dates,
    ) -> list[dict]:
        """What a person said, newest article first (since/until by the article date), each with its article."""
        identifier = _person_id(backend, person)
        found = backend.statements(identifier, filters.since, filters.until, filters.limit)
        return [statement_json(s, identifier) for s in found]


def _openai_routes(router: APIRouter, context: Context) -> None:
    """`/v1/models` and `/v1/chat/completions`, so OpenAI clients can use khabar as a model."""
    backend, reader = context.backend, context.needs(Role.READER)

    @router.get("/v1/models", tags=["openai"], dependencies=[reader])
    def models() -> dict:
        """The one model: khabar."""
        return openai_compat.models()

    @router.post(
        "/v1/chat/completions",
        tags=["openai"],
        responses=_ERRORS,
        dependencies=[reader],
    )
    def chat(request: openai_compat.ChatRequest) -> Response:
        """A chat completion (or SSE chunks with stream=true); citations in the text and in the `khabar` field."""
        if request.model != openai_compat.MODEL_ID:
            raise ApiError(
                404, f"model {request.model!r} does not exist; use {openai_compat.MODEL_ID!r}", "model_not_found"
            )
        try:
            question, history = openai_compat.conversation(request)
        except ValueError as error:
            raise ApiError(400, str(error), "invalid_request") from None
        if not request.stream:
            return JSONResponse(openai_compat.completion(backend.ask(question, history=history)))
        steps = _started(backend.ask_stream(question, history=history))

        def chunks() -> Iterator[str]:
            for chunk in openai_compat.completion_chunks(steps):
                yield sse(None, chunk)
            yield "data: [DONE]\n\n"

        return StreamingResponse(chunks(), media_type="text/event-stream", headers=_SSE_HEADERS)


UPLOAD_OVERHEAD_BYTES = 64 * 1024
"""Room for the multipart framing around an uploaded file (boundaries and part headers are far smaller)."""


def _body_limit(method: str, path: str, settings: ServerSettings) -> int:
    """The body limit of any request: a file's size for the two upload routes, `max_request_bytes` otherwise."""
    uploads = method == "POST" and (path == "/api/articles" or path.rstrip("/").endswith("/gradio_api/upload"))
    return MAX_FILE_BYTES + UPLOAD_OVERHEAD_BYTES if uploads else settings.max_request_bytes


ROUTE_GROUPS: tuple[RouteGroup, ...] = (
    _system_routes,
    _ask_routes,
    _article_routes,
    _meeting_routes,
    _people_routes,
    _openai_routes,
)
"""Every route group of the API, in the order they are added."""


def create_api(backend: Backend, settings: ServerSettings, keeper: Gatekeeper | None = None) -> FastAPI:
    """The FastAPI app: routes, the sign-in gate, JSON errors, body limits, CORS and security headers.

    The middlewares wrap whatever is mounted later (the Gradio pages) too. Its documentation at /docs is
    served with the Swagger UI files of `fastapi-offline`: no CDN is needed.
    """
    keeper = keeper or Gatekeeper(settings)

    def guard(needed: Role) -> Callable[..., Role]:
        def check(request: Request, _: Credentials) -> Role:
            role, token_given = getattr(request.state, ROLE, Role.NONE), getattr(request.state, TOKEN_GIVEN, False)
            if needed is Role.ADMIN and token_given and role is not Role.ADMIN:
                keeper.failed(request.client.host if request.client else "unknown", request.url.path)
            keeper.access.require(role, needed, token_given)
            return role

        return check

    app = FastAPIOffline(
        title="khabar",
        summary="Ask the news, get cited answers (Persian and English).",
        version="0.1.0",
        docs_url="/docs",
        redoc_url=None,
        static_url="/docs-assets",
        telemetry={"tracing": False, "metrics": False, "logs": False, "operation_spans": False},
    )
    app.add_middleware(Gate, keeper=keeper)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.allowed_origins),
        allow_methods=["GET", "POST", "DELETE"],
        allow_headers=["Authorization", "Content-Type"],
        max_age=600,
    )
    app.add_middleware(
        SecurityHeaders, allowed_origins=settings.allowed_origins, page_scripts=script_hashes(HEAD.encode())
    )
    app.add_middleware(BodyLimit, limit_for=lambda method, path: _body_limit(method, path, settings))
    app.add_middleware(Rewrites, rewrites=[JsonErrors(), RtlPages()], failed=internal_error)
    _install_errors(app)
    router = APIRouter()
    context = Context(backend, guard, FetchPolicy(allow=settings.fetch_allow))
    for group in ROUTE_GROUPS:
        group(router, context)
    app.include_router(router)
    return app
