"""What `POST /api/articles` reads: JSON records, URLs of pages or feeds, or one uploaded file; and its report."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from assistant.web.errors import ApiError, validation_message
from assistant.web.schemas import IngestRequest
from index.ingest import IngestReport
from index.loaders import LOADERS, FetchPolicy, LoaderError, LoadItem, load_source
from index.loaders.base import is_url
from index.loaders.records import article_from_record


def items_from_json(body: bytes, policy: FetchPolicy) -> list[LoadItem]:
    """Loaded items of a JSON body: `{"articles": [...]}` records and `{"urls": [...]}` fetched under `policy`."""
    try:
        request = IngestRequest.model_validate_json(body)
    except ValidationError as error:
        raise ApiError(422, validation_message(list(error.errors())), "invalid_request") from None
    items: list[LoadItem] = []
    for index, record in enumerate(request.articles):
        try:
            items.append(article_from_record(record, "request", path=f"articles[{index}]"))
        except LoaderError as error:
            items.append(error)
    return items + load_urls(request.urls, policy)


def load_urls(urls: Iterable[str], policy: FetchPolicy) -> list[LoadItem]:
    """The articles of http(s) URLs (pages or feeds) the policy lets us fetch; anything else is an error, never a
    path on the server."""
    items: list[LoadItem] = []
    for url in urls:
        items.extend(load_source(url, policy) if is_url(url) else [LoaderError(url[:200], "not an http(s) URL")])
    return items


async def items_from_upload(request) -> list[LoadItem]:
    """Loaded items of a multipart request's `file`, read by the loader of its extension (errors name the file)."""
    async with request.form(max_files=1, max_fields=4) as form:
        upload = form.get("file")
        if upload is None or isinstance(upload, str) or not upload.filename:
            raise ApiError(422, "multipart body must have a file in the field 'file'.", "invalid_request")
        name = Path(upload.filename).name
        if Path(name).suffix.lower() not in LOADERS:
            known = ", ".join(sorted(LOADERS))
            raise ApiError(
                415, f"unsupported file type {Path(name).suffix or name!r}; expected one of {known}", "bad_type"
            )
        data = await upload.read()
    with tempfile.TemporaryDirectory(prefix="khabar-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        items = list(load_source(path))
    return [
        LoaderError(name, item.reason, line=item.line, field=item.field) if isinstance(item, LoaderError) else item
        for item in items
    ]


def ingest_report(items: list[LoadItem], report: IngestReport) -> dict:
    """The response: counts, the inputs that failed (loading or indexing) and the ids that loaded."""
    failed = [{"origin": i.origin, "reason": str(i)} for i in items if isinstance(i, LoaderError)]
    failed += [{"origin": origin, "reason": reason} for origin, reason in report.failed]
    return {
        "new": report.new,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "failed": failed,
        "ids": [i.id for i in items if not isinstance(i, LoaderError)],
        "chunks_embedded": report.chunks_embedded,
        "seconds": round(report.seconds, 3),
    }
