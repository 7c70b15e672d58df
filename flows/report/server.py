"""``sohoa serve-reports``: a small read-only HTTP server for auditors (started by ``stack up``).

Why a server rather than presigned links: a presigned S3 URL expires (7 days at most with
signature v4), and an audit trail is read months or years later. The server answers plain
URLs (``storage/links.py``) for as long as it runs at the organization's address, reads with
the service's own store credentials, and shows only three things: reports, their CSVs, and the
archived original of a warehouse document by its id (never by object key, which may hold a
personal ID). GET and HEAD only; nothing can be written, listed or deleted through it. It
binds to loopback by default; put it behind the organization's proxy (and its sign-on) to
open it to the auditors' network (``SOHOA_REPORT_HOST``, ``SOHOA_REPORT_BASE_URL``).
"""

from __future__ import annotations

import html
import logging
import mimetypes
import re
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from flows.masking import mask_text
from flows.settings import Settings
from storage.errors import ObjectNotFound, StoreError
from storage.links import Links, report_name_ok

log = logging.getLogger("sohoa.reportserver")
_REPORT = re.compile(r"^/reports/([^/]+)/(report\.html|rule-results\.csv)$")
_ORIGINAL = re.compile(r"^/documents/(\d{1,12})/original$")
CONTENT_TYPES = {"report.html": "text/html; charset=utf-8", "rule-results.csv": "text/csv; charset=utf-8"}


def _original_location(settings: Settings, document_id: int) -> tuple[str, str] | None:
    from flows.warehouse import open_warehouse
    from storage.warehouse.reports import archive_location

    return archive_location(open_warehouse(settings.resolved_warehouse_url), document_id)


def _index(settings: Settings) -> bytes:
    reports = settings.location("reports")
    names = sorted(
        {
            reports.relative(o.key).split("/", 1)[0]
            for o in settings.object_store().list(reports.bucket, reports.prefix)
            if reports.relative(o.key).endswith("/report.html")
        },
        reverse=True,
    )
    links = Links(settings.report_links_base)
    items = "".join(
        f'<li><a href="{html.escape(links.report(n))}">{html.escape(n)}</a> · '
        f'<a href="{html.escape(links.report(n, "rule-results.csv"))}">CSV</a></li>'
        for n in names
        if report_name_ok(n)
    )
    return (
        f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Báo cáo / Reports</title></head>'
        f"<body><h1>Báo cáo chất lượng / Quality reports</h1><ul>{items}</ul></body></html>"
    ).encode()


def make_handler(settings: Settings) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "sohoa-reports"

        def log_message(self, format: str, *args: object) -> None:
            log.info("%s %s", self.address_string(), mask_text(format % args))

        def _send(self, status: int, body: bytes, content_type: str, head: bool) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def _error(self, status: HTTPStatus, head: bool) -> None:
            self._send(
                status, f"{status.value} {status.phrase}\n".encode(), "text/plain; charset=utf-8", head
            )

        def _get(self, head: bool) -> None:
            path = self.path.split("?", 1)[0]
            try:
                if path in ("/", "/reports", "/reports/"):
                    return self._send(200, _index(settings), "text/html; charset=utf-8", head)
                if m := _REPORT.match(path):
                    name, file = m.groups()
                    if not report_name_ok(name):
                        return self._error(HTTPStatus.NOT_FOUND, head)
                    reports = settings.location("reports")
                    body = settings.object_store().get(reports.bucket, reports.key(f"{name}/{file}"))
                    return self._send(200, body, CONTENT_TYPES[file], head)
                if m := _ORIGINAL.match(path):
                    where = _original_location(settings, int(m.group(1)))
                    if where is None:
                        return self._error(HTTPStatus.NOT_FOUND, head)
                    body = settings.object_store().get(*where)
                    kind = mimetypes.guess_type(where[1])[0] or "application/octet-stream"
                    return self._send(200, body, kind, head)
                return self._error(HTTPStatus.NOT_FOUND, head)
            except ObjectNotFound:
                return self._error(HTTPStatus.NOT_FOUND, head)
            except StoreError as exc:
                log.warning("store or warehouse unavailable: %s", exc)
                return self._error(HTTPStatus.SERVICE_UNAVAILABLE, head)

        def do_GET(self) -> None:
            self._get(head=False)

        def do_HEAD(self) -> None:
            self._get(head=True)

        def _read_only(self) -> None:
            self._error(HTTPStatus.METHOD_NOT_ALLOWED, False)

        do_POST = do_PUT = do_DELETE = do_PATCH = _read_only

    return Handler


def make_server(settings: Settings) -> ThreadingHTTPServer:
    return ThreadingHTTPServer((settings.report_host, settings.report_port), make_handler(settings))


def serve(settings: Settings) -> None:
    server = make_server(settings)
    log.info(
        "report server on http://%s:%s (links: %s)",
        settings.report_host,
        settings.report_port,
        settings.report_links_base,
    )
    try:
        server.serve_forever()
    finally:
        server.server_close()
