"""Attacks on a real `khabar serve` (keys and admin token set) over loopback: every Gradio route behind the keys,
admin rights bound to the signed-in session, body limits, uploads, SSRF, throttling, JSON errors, headers."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from gradio_client import Client
from web.support import ADMIN_TOKEN, PORTAL, QUESTION, READER_KEY, SEED_ID, copy_index, running_server, seed_index

EMBED_KEY = "embed-key-0123456789"
READER = {"Authorization": f"Bearer {READER_KEY}"}
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
SECRET = "گذرواژه سرور داخلی شرکت نمونه عدد هفتصد و هفتاد و هفت است."
GRADIO_GETS = (
    "/",
    "/embed/",
    "/config",
    "/embed/config",
    "/gradio_api/info",
    "/gradio_api/openapi.json",
    "/gradio_api/queue/status",
    "/gradio_api/heartbeat/abcdef",
    "/gradio_api/app_id",
    "/gradio_api/user",
    "/gradio_api/token",
    "/monitoring/summary",
    "/gradio_api/queue/data?session_hash=abcdef",
    "/gradio_api/file=/etc/hostname",
)
GRADIO_POSTS = ("/gradio_api/queue/join", "/gradio_api/call/ask", "/gradio_api/run/predict", "/gradio_api/upload")


class Intranet:
    """Two loopback servers standing for the inside of a network: one with a secret page, one allowed by
    KHABAR_FETCH_ALLOW that serves a news page and redirects to the secret."""

    def __init__(self) -> None:
        intranet = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/go":
                    self.send_response(302)
                    self.send_header("Location", f"http://localhost:{intranet.secret_port}/secret")
                    self.end_headers()
                    return
                text = SECRET if self.path == "/secret" else "پل تازه شهر نمونه امروز باز شد و طول آن سیصد متر است."
                body = text.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                """Keep the test output quiet."""

        self.servers = [ThreadingHTTPServer(("127.0.0.1", 0), Handler) for _ in range(2)]
        self.secret_port, self.allowed_port = (server.server_address[1] for server in self.servers)
        for server in self.servers:
            threading.Thread(target=server.serve_forever, daemon=True).start()

    def close(self) -> None:
        for server in self.servers:
            server.shutdown()


@pytest.fixture(scope="module")
def intranet():
    servers = Intranet()
    yield servers
    servers.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory, embedder, intranet):
    """`khabar serve` with a reader key, an embed key, the admin token, one portal, one allowed intranet host."""
    folder = tmp_path_factory.mktemp("hardening")
    index = copy_index(seed_index(tmp_path_factory, embedder), folder / "index")
    uploads = folder / "gradio-uploads"
    uploads.mkdir()
    env = {
        "KHABAR_API_KEYS": READER_KEY,
        "KHABAR_EMBED_KEYS": EMBED_KEY,
        "KHABAR_ADMIN_TOKEN": ADMIN_TOKEN,
        "KHABAR_ALLOWED_ORIGINS": PORTAL,
        "KHABAR_FETCH_ALLOW": f"127.0.0.1:{intranet.allowed_port}",
        "GRADIO_TEMP_DIR": str(uploads),
    }
    with running_server(index, folder, env) as running:
        running.uploads = uploads
        yield running


def rss_kib(pid: int) -> int:
    """The resident memory of a process, in KiB."""
    with open(f"/proc/{pid}/status", encoding="utf-8") as file:
        status = file.read()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1))


def signed_in(base: str, key: str) -> httpx.Client:
    """A client holding the session cookie that signing in with this key gave."""
    http = httpx.Client(base_url=base, timeout=60)
    response = http.post("/auth/login", data={"key": key, "next": "/"})
    assert response.status_code == 303 and response.headers["location"] == "/"
    return http


def queued(http: httpx.Client, fn_index: int, data: list, session_hash: str) -> dict:
    """Run a Gradio event through queue/join and queue/data; its `process_completed` message."""
    joined = http.post(
        "/gradio_api/queue/join",
        json={"data": data, "fn_index": fn_index, "session_hash": session_hash, "event_data": None},
    )
    assert joined.status_code == 200, joined.text
    with http.stream("GET", f"/gradio_api/queue/data?session_hash={session_hash}") as stream:
        for line in stream.iter_lines():
            if line.startswith("data: "):
                message = json.loads(line[6:])
                if message.get("msg") == "process_completed":
                    return message
    raise AssertionError("the queue never completed the event")


def test_every_gradio_route_needs_a_key(server):
    with httpx.Client(base_url=server.url, timeout=60) as anonymous:
        for path in GRADIO_GETS:
            assert anonymous.get(path).status_code == 401, path
        for path in GRADIO_POSTS:
            assert anonymous.post(path, json={"data": [QUESTION]}).status_code == 401, path
        page = anonymous.get("/")
        assert 'action="/auth/login"' in page.text and "kh-question" not in page.text
    with httpx.Client(base_url=server.url, headers=READER, timeout=60) as reader:
        for path in GRADIO_GETS[:6]:
            assert reader.get(path).status_code == 200, path
    with pytest.raises(Exception, match="credentials"):
        Client(f"{server.url}/", verbose=False)
    answer, _, _ = Client(f"{server.url}/", verbose=False, headers=READER).predict(QUESTION, api_name="/ask")
    assert "شمخانی" in answer


def test_a_key_entered_once_becomes_an_httponly_samesite_cookie(server):
    with httpx.Client(base_url=server.url, timeout=60) as http:
        wrong = http.post("/auth/login", data={"key": "not-a-key-at-all", "next": "/"})
        assert wrong.status_code == 401 and "khabar_session" not in wrong.headers.get("set-cookie", "")
        signed = http.post("/auth/login", data={"key": READER_KEY, "next": "//evil.example/"})
        cookie = signed.headers["set-cookie"]
        assert signed.status_code == 303 and signed.headers["location"] == "/"
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and READER_KEY not in cookie
        assert http.get("/").status_code == 200 and "gradio_config" in http.get("/").text
        assert http.post("/api/ask", json={"question": QUESTION}).json()["found"]
        assert http.delete(f"/api/articles/{SEED_ID}").status_code == 403
        http.post("/auth/logout")
        assert http.get("/config").status_code == 401


def test_the_embed_key_reads_through_the_chat_only_page_and_nowhere_else(server):
    with httpx.Client(base_url=server.url, timeout=60) as http:
        entered = http.get(f"/embed/?key={EMBED_KEY}")
        assert entered.status_code == 303 and entered.headers["location"] == "/embed/"
        assert http.get("/embed/").status_code == 200 and http.get("/embed/config").status_code == 200
        assert http.get("/config").status_code == 401 and http.get("/api/stats").status_code == 401
    embed = {"Authorization": f"Bearer {EMBED_KEY}"}
    assert httpx.get(f"{server.url}/api/stats", headers=embed).status_code == 401
    assert httpx.get(f"{server.url}/embed/config", headers=embed).status_code == 200


def test_oversized_bodies_are_refused_and_nothing_of_them_is_kept(server):
    before = rss_kib(server.process.pid)
    client = Client(f"{server.url}/", verbose=False, headers=READER)
    for _ in range(5):
        with pytest.raises(httpx.HTTPStatusError, match="413"):
            client.predict("س" * 20_000_000, api_name="/ask")
    with httpx.Client(base_url=server.url, timeout=120) as http:
        join = b'{"data": ["' + b"x" * 100_000_000 + b'"], "fn_index": 2, "session_hash": "big"}'
        refused = http.post("/gradio_api/queue/join", content=join, headers={"content-type": "application/json"})
        assert refused.status_code == 413 and len(refused.content) < 500
        assert refused.json()["error"]["code"] == "too_large"
        chunks = (b"x" * 65536 for _ in range(320))  # 20 MB with no Content-Length: sent chunked
        chunked = http.post("/api/ask", content=chunks, headers=READER | {"content-type": "application/json"})
        assert chunked.status_code == 413 and chunked.json()["error"]["code"] == "too_large"
    assert rss_kib(server.process.pid) - before < 100 * 1024
    conversation, _, _ = client.predict("س" * 1500, api_name="/ask")
    assert "1500 characters" in conversation and conversation.count("س") < 300


def test_uploads_are_for_the_admin_only_and_leave_nothing_on_disk(server):
    payload = {"files": ("big.txt", b"a" * 4_000_000, "text/plain")}
    with httpx.Client(base_url=server.url, timeout=60) as http:
        assert http.post("/gradio_api/upload", files=payload).status_code == 401
        assert http.post("/gradio_api/upload", files=payload, headers=READER).status_code == 403
        assert http.post("/embed/gradio_api/upload", files=payload, headers=READER).status_code == 403
    assert [path for path in server.uploads.rglob("*") if path.is_file()] == []


def test_admin_rights_follow_the_signed_in_session_not_the_session_hash(server):
    with httpx.Client(base_url=server.url, headers=READER, timeout=60) as reader:
        config = reader.get("/config").json()
        ids = {c["id"]: c.get("props", {}).get("elem_id") for c in config["components"]}
        listing = next(d["id"] for d in config["dependencies"] if ids.get(d["targets"][0][0]) == "kh-admin-list")
        refused = json.dumps(queued(reader, listing, [""], "shared-hash")["output"], ensure_ascii=False)
        assert SEED_ID not in refused and "This needs the admin" in refused
    with httpx.Client(base_url=server.url, headers=ADMIN, timeout=60) as admin:
        listed = queued(admin, listing, [""], "shared-hash")
        assert listed["success"] is True and SEED_ID in json.dumps(listed["output"])
    with httpx.Client(base_url=server.url, headers=READER, timeout=60) as replay:
        assert SEED_ID not in json.dumps(queued(replay, listing, [""], "shared-hash")["output"])


def test_url_ingest_refuses_inner_addresses_after_dns_and_redirects(server, intranet):
    port = intranet.secret_port
    inner = [
        f"http://127.0.0.1:{port}/secret",
        f"http://localhost:{port}/secret",
        f"http://127.1:{port}/secret",
        f"http://2130706433:{port}/secret",
        f"http://0x7f000001:{port}/secret",
        f"HTTP://127.0.0.1:{port}/secret",
        f"http://[::1]:{port}/secret",
        "http://169.254.169.254/latest/meta-data/",
        f"http://127.0.0.1:{intranet.allowed_port}/go",
    ]
    with httpx.Client(base_url=server.url, timeout=120) as http:
        for url in inner:
            refused = http.post("/api/articles", json={"urls": [url]}, headers=ADMIN)
            assert refused.status_code == 422 and "not a public address" in refused.json()["error"]["message"], url
        page = f"http://127.0.0.1:{intranet.allowed_port}/page"
        assert http.post("/api/articles", json={"urls": [page]}, headers=ADMIN).json()["new"] == 1
        answer = http.post("/api/ask", json={"question": "گذرواژه سرور داخلی چیست؟"}, headers=READER).json()
        assert "هفتصد" not in json.dumps(answer, ensure_ascii=False)


def test_failed_keys_are_throttled_per_client_and_logged_in_one_line(server):
    guesser = httpx.Client(base_url=server.url, timeout=60, transport=httpx.HTTPTransport(local_address="127.0.0.2"))
    with guesser:
        guesses = [{"Authorization": f"Bearer guess-{n:08d}"} for n in range(7)]
        statuses = [guesser.get("/api/stats", headers=guess).status_code for guess in guesses]
        assert statuses == [401] * 5 + [429] * 2
        locked = guesser.get("/api/stats", headers=READER)
        assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0
        assert guesser.get("/config", headers={"Authorization": "Bearer guess-x"}).status_code == 429
    other = httpx.Client(base_url=server.url, timeout=60, transport=httpx.HTTPTransport(local_address="127.0.0.3"))
    with other:
        assert other.get("/api/stats", headers=READER).status_code == 200
        logins = [other.post("/auth/login", data={"key": f"guess-{n:08d}"}).status_code for n in range(6)]
        assert logins == [401] * 5 + [429]
    keyless = httpx.Client(base_url=server.url, timeout=60, transport=httpx.HTTPTransport(local_address="127.0.0.4"))
    with keyless:  # a sign-in without a key guesses nothing: never throttled
        assert [keyless.post("/auth/login", data={"key": ""}).status_code for _ in range(7)] == [401] * 7
        assert keyless.get("/api/stats", headers=READER).status_code == 200
    output = server.output()
    assert output.count("rejected key from 127.0.0.2") == 5 and output.count("rejected key from 127.0.0.3") == 5
    assert "Traceback" not in output and "guess-0000" not in output


def test_broken_gradio_calls_get_json_errors_without_a_traceback(server):
    with httpx.Client(base_url=server.url, headers=READER, timeout=60) as http:
        for path in ("/gradio_api/call/v2/ask", "/gradio_api/call/ask"):
            response = http.post(path, json={})
            assert response.status_code >= 400 and "error" in response.json(), path
    assert "Traceback" not in server.output()


def test_security_headers_allow_only_own_scripts_and_framing_by_the_portal(server):
    with httpx.Client(base_url=server.url, headers=READER, timeout=60) as http:
        page = http.get("/")
        policy = page.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy and "'sha256-" in policy
        assert "frame-ancestors 'self';" in policy + ";" and page.headers["x-frame-options"] == "SAMEORIGIN"
        embed = http.get("/embed/")
        assert embed.headers["content-security-policy"].endswith(f"frame-ancestors 'self' {PORTAL}")
        assert "x-frame-options" not in embed.headers
        assert http.get("/api/stats").headers["x-content-type-options"] == "nosniff"
