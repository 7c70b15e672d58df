"""The auditors' report on a real warehouse and object store, opened in headless Chromium."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from extractors.types import Extraction, FieldValue
from flows.warehouse import rule_records
from quality import judge
from storage.objectstore import ObjectInfo
from storage.warehouse import ledger
from storage.warehouse.documents import save_document
from storage.warehouse.records import DocumentRecord, FieldRecord, PageRecord

TODAY = date(2026, 11, 28)
UNMASKED_ID = re.compile(r"(?<!\d)\d{12}(?!\d)")
URL = re.compile(r"https?://[^\s\"'<>()]+")


def unmasked_ids(text: str) -> list[str]:
    """12-digit runs outside links: a presigned URL's signature (hex) and credential often
    hold 12 digits in a row by chance (the regression test below proves it)."""
    return UNMASKED_ID.findall(URL.sub("", text))


XSS = "<script>console.error('xss')</script>"

CARD = {
    "id_number": "096190001234",
    "full_name": "Trần Thị Mai",
    "date_of_birth": "1990-05-10",
    "sex": "Nữ",
    "issue_date": "2022-06-01",
    "expiry_date": "2030-05-10",
    "place_of_residence": "Phường An Xuyên, Tỉnh Cà Mau",
}
LAND = {
    "serial_number": "AA 05565655",
    "holder_name": "Lê Văn  Hùng"
    + XSS,  # stray space → a warning that shows the value "holder_id_number": "096088004567",
    "parcel_number": "125",
    "map_sheet_number": "12",
    "area_m2": "1234.5",
    "address": "Phường Tân Thành, Tỉnh Cà Mau",
    "issue_date": "2025-09-15",
    "issuing_agency": "Sở Nông nghiệp và Môi trường tỉnh Cà Mau",
}
FORM = {
    "form_title": "TỜ KHAI ĐĂNG KÝ KẾT HÔN",
    "recipient": "Ủy ban nhân dân Phường An Xuyên",
    "applicant_name": "Trần Thị Mai",
    "applicant_id_number": "096190001234",
    "date_of_birth": "1990-05-10",
    "request_date": "2026-11-20",
}


def _record(sf, settings, key: str, doc_type: str, values: dict, batch_id: int) -> int:
    inbox, archive = settings.location("inbox"), settings.location("archive")
    o = ObjectInfo(bucket=inbox.bucket, key=inbox.key(key), etag="e-" + key, size=10, last_modified=None)
    (lid,) = ledger.register(sf, [o], lambda k: k.split("/")[1])
    ex = Extraction(
        doc_type, 0.9, {k: FieldValue(v, v, 0.95, 1, (0, 0, 5, 5), "ocr") for k, v in values.items()}
    )
    verdict = judge(ex, today=TODAY, text="")
    archive_key = archive.key(key)
    settings.object_store().put(archive.bucket, archive_key, b"\x89PNG fake page", content_type="image/png")
    record = DocumentRecord(
        ledger_id=lid,
        dossier_code=key.split("/")[0],
        source_bucket=o.bucket,
        source_key=o.key,
        source_etag=o.etag,
        source_sha256=hashlib.sha256(key.encode()).hexdigest(),
        doc_type=doc_type,
        page_count=1,
        status=verdict.status,
        score=verdict.score,
        pipeline_version="p1",
        rules_version=verdict.rules_version,
        archive_bucket=archive.bucket,
        archive_key=archive_key,
        batch_id=batch_id,
        text=XSS,
        pages=[PageRecord(number=1, source="ocr")],
        fields=[
            FieldRecord(key=k, value=v.value, raw=v.raw, source="ocr", confidence=0.95)
            for k, v in ex.fields.items()
        ],
        rules=rule_records(verdict),
        criteria_scores=verdict.criteria,
        field_status=verdict.fields,
        annotations=verdict.annotations,
        identity_key=verdict.identity,
        subject_key=verdict.subject,
        document_date=verdict.annotations.get("document_date"),
    )
    return save_document(sf, record)


@pytest.fixture
def batch(settings):
    from flows.warehouse import open_warehouse

    sf = open_warehouse(settings.resolved_warehouse_url)
    batch_id = ledger.start_batch(sf, "cli", "p1")
    ids = [
        _record(sf, settings, "HS-01/cccd.png", "citizen_id", CARD, batch_id),
        _record(sf, settings, "HS-01/gcn.png", "land_use_certificate", LAND, batch_id),  # no term → review
        _record(sf, settings, "HS-02/cccd.png", "citizen_id", {**CARD, "sex": "Nam"}, batch_id),  # rejected
        _record(sf, settings, "HS-02/don.png", "application_form", FORM, batch_id),
    ]
    return sf, batch_id, ids


def test_report_html_csv_upload_and_verdict(settings, batch, tmp_path: Path) -> None:
    from flows.report import publish_report
    from storage.warehouse.reports import latest_batch_verdict

    sf, batch_id, ids = batch
    path = publish_report(settings, batch_id=batch_id, out_dir=tmp_path)
    html = path.read_text(encoding="utf-8")
    assert path.name == f"batch-{batch_id}.html"
    assert html.count('<figure class="chart"') == 4 and html.count("<svg") == 4
    assert not unmasked_ids(html)  # every personal ID masked
    assert "096******234" in html
    assert XSS not in html and "&lt;script&gt;" in html  # scan text escaped
    assert "<script" not in html  # the page runs no script at all
    assert "Đúng" in html and "Correct" in html and "Documents needing review" in html
    assert "correct.personal_id.sex_digit_matches" in html  # the rejected card's failing rule
    # Links to the originals: the report server's lasting URLs, by document id (no signature).
    assert f'href="{settings.report_links_base}/documents/{ids[1]}/original"' in html
    assert "X-Amz-Signature" not in html
    assert "1.000894" in html and "citizen_id 1/2" in html  # marriage dossier lacks a second ID
    assert "median staleness" in html and "expired (kept, flagged)" in html
    # The footer names the CSV as it is written.
    assert f"<code>batch-{batch_id}-rule-results.csv</code>" in html

    raw = (tmp_path / f"batch-{batch_id}-rule-results.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # Excel reads UTF-8 only with a BOM
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert {int(r["document_id"]) for r in rows if r["document_id"]} == set(ids)
    assert any(r["rule"] == "complete.dossier.required_documents" and r["result"] == "failed" for r in rows)
    assert not any(UNMASKED_ID.search(r["message"] + r["failing_values"]) for r in rows)

    reports = settings.location("reports")
    store = settings.object_store()
    assert store.get(reports.bucket, reports.key(f"batch-{batch_id}/report.html")).decode() == html
    assert store.exists(reports.bucket, reports.key(f"batch-{batch_id}/rule-results.csv"))

    verdict = latest_batch_verdict(sf, batch_id)
    assert verdict is not None and verdict["status"] == "rejected"  # one card is rejected
    assert verdict["counts"] == {"accepted": 2, "needs_review": 1, "rejected": 1}
    assert verdict["criteria_scores"]["correct"] < 100.0
    # Facts the accepted card gave (name, birth date, residence) restated later: 3 on the
    # rejected card of the same ID (its sex differs, so that is not "known"), 2 on the form.
    assert verdict["reuse"]["fields_known"] == 5


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(url: str, tmp_path: Path) -> tuple[str, list[str]]:
    proc = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            "--virtual-time-budget=2000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout, [line for line in proc.stderr.splitlines() if ":CONSOLE" in line]


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium not installed (scripts/install-system-deps.sh)")
def test_report_renders_in_headless_chromium(settings, batch, tmp_path: Path) -> None:
    from flows.report import publish_report

    _, batch_id, _ = batch
    path = publish_report(settings, batch_id=batch_id, out_dir=tmp_path / "out")
    dom, console = _chromium(path.as_uri(), tmp_path)
    assert console == []  # no console errors (nor anything else) while loading
    assert dom.count("<svg") == 4 and "Báo cáo chất lượng" in dom
    assert not unmasked_ids(dom)
    # The console check is not vacuous: a page that logs an error is caught.
    bad = tmp_path / "bad.html"
    bad.write_text("<html><body><script>console.error('boom')</script></body></html>")
    _, console = _chromium(bad.as_uri(), tmp_path)
    assert any("boom" in line for line in console)


def test_report_is_linked_from_a_markdown_artifact_inside_a_flow(settings, batch, tmp_path: Path) -> None:
    from prefect import flow
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from flows.report import publish_report

    _, batch_id, _ = batch

    from prefect.client.schemas.filters import ArtifactFilterFlowRunId
    from prefect.runtime import flow_run

    @flow(name="report-artifact-test")
    def report_flow() -> tuple[str, str]:
        return str(publish_report(settings, batch_id=batch_id, out_dir=tmp_path)), flow_run.id

    path, run_id = report_flow()
    assert path.endswith(f"batch-{batch_id}.html")
    key = f"quality-report-batch-{batch_id}"
    # This run's artifact: other tests' sweeps publish the same key for their own batch 1.
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(
                key=ArtifactFilterKey(any_=[key]), flow_run_id=ArtifactFilterFlowRunId(any_=[run_id])
            )
        )
    assert artifacts, "no markdown artifact"
    text = artifacts[0].data
    assert artifacts[0].type == "markdown" and f"batch-{batch_id}/report.html" in text
    # A plain link to the report server: nothing escaped twice, nothing that expires.
    assert f"({settings.report_links_base}/reports/batch-{batch_id}/report.html)" in text
    assert "&amp;" not in text and "X-Amz" not in text
    assert not unmasked_ids(text)


def test_presigned_link_signature_digits_are_not_taken_for_an_unmasked_id() -> None:
    """The report test failed when a link's signature held 12 digits in a row by chance."""
    link = "http://127.0.0.1:9000/r/report.html?X-Amz-Signature=ab815419624107cd"
    assert UNMASKED_ID.findall(link) and not unmasked_ids(f'<a href="{link}">report</a>')
    assert unmasked_ids("CCCD 096190001234 <a href='http://x/y'>") == ["096190001234"]


# ---- issue 15: a truthful report, drill-down, CSV, links that last ------------------------


def _build(settings, batch_id):
    from flows.report import build_report
    from flows.warehouse import open_warehouse

    return build_report(open_warehouse(settings.resolved_warehouse_url), batch_id=batch_id)


def test_the_headline_agrees_with_the_documents_statuses(settings, batch) -> None:
    from flows.report import render_html, verdict_of

    _, batch_id, _ = batch
    r = _build(settings, batch_id)
    assert r.status_counts == {"accepted": 2, "needs_review": 1, "rejected": 1}
    assert r.verdict == "rejected"
    html = render_html(r)
    headline = html.split('id="verdict"', 1)[1].split("</p>", 1)[0]
    assert "Không đạt / Rejected" in headline and ">1</span> Cần kiểm tra" in headline
    assert verdict_of({"accepted": 5}) == "accepted"
    assert verdict_of({"accepted": 5, "needs_review": 1}) == "needs_review"
    assert verdict_of({}) == "needs_review"  # nothing shown to be right


def test_every_score_comes_from_one_computation(settings, batch, tmp_path: Path) -> None:
    """The criteria table, today's trend row, the stored batch verdict and the artifact's
    table show the same numbers (the batch is today's only documents)."""
    from flows.report import dqi, publish_report
    from storage.warehouse.reports import latest_batch_verdict

    sf, batch_id, _ = batch
    r = _build(settings, batch_id)
    (_day, today_row, n) = r.trend[-1]
    assert n == 4 and today_row == r.dqi == dqi(r.rules)
    publish_report(settings, batch_id=batch_id, out_dir=tmp_path)
    assert latest_batch_verdict(sf, batch_id)["criteria_scores"] == r.dqi


def test_each_failing_rule_links_to_its_documents(settings, batch) -> None:
    from flows.report import render_html

    _, batch_id, ids = batch
    r = _build(settings, batch_id)
    html = render_html(r)
    failed: dict[str, set[int]] = {}
    for row in r.rules:
        if not row.passed:
            failed.setdefault(row.rule, set()).add(row.document_id)
    assert failed and {g["rule"] for g in r.rule_documents} >= set(failed)
    for t in r.top_rules:
        assert f'href="#rule-{t["rule"]}"' in html
    for rule, docs in failed.items():
        section = html.split(f'id="rule-{rule}"', 1)[1].split("<h3", 1)[0].split("<h2", 1)[0]
        shown = {int(m) for m in re.findall(r"#(\d+)", section)}
        assert shown == docs, (rule, shown, docs)
        for d in docs:  # a document needing a look is one click away
            if f'id="doc-{d}"' in html:
                assert f'href="#doc-{d}"' in section
    sex = html.split('id="rule-correct.personal_id.sex_digit_matches"', 1)[1].split("</ul>", 1)[0]
    assert f"#{ids[2]}" in sex


def test_dossier_completeness_says_why_when_the_procedure_is_unknown(settings, batch) -> None:
    _, batch_id, _ = batch
    r = _build(settings, batch_id)
    by_code = {d["code"]: d for d in r.dossiers}
    assert by_code["HS-02"]["procedure"].startswith("1.000894")  # the marriage form names it
    assert by_code["HS-01"]["procedure"] is None
    assert "no application form" in by_code["HS-01"]["why_not"]


def test_a_dossier_split_over_two_batches_is_judged_whole(settings) -> None:
    from flows.warehouse import open_warehouse

    sf = open_warehouse(settings.resolved_warehouse_url)
    first = ledger.start_batch(sf, "event", "p1")
    _record(sf, settings, "HS-09/don.png", "application_form", FORM, first)
    second = ledger.start_batch(sf, "schedule", "p1")
    _record(sf, settings, "HS-09/cccd.png", "citizen_id", CARD, second)
    r = _build(settings, second)
    (d,) = r.dossiers
    assert d["procedure"].startswith("1.000894") and d["in_warehouse"] == 2 and d["documents"] == 1
    assert d["missing"] == ["citizen_id 1/2"]


def test_report_batch_999_is_no_such_batch_exit_2(settings, monkeypatch, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from flows.cli import app
    from flows.warehouse import open_warehouse

    open_warehouse(settings.resolved_warehouse_url)  # a warehouse at head, without batch 999
    for name, value in settings.as_env().items():
        monkeypatch.setenv(name, value)
    out = CliRunner().invoke(app, ["report", "--batch", "999", "--out", str(tmp_path)])
    assert out.exit_code == 2 and "no batch 999" in out.output, out.output


INJECTIONS = ["=cmd|' /C calc'!A0", "@SUM(1+1)", "+1+1", "-2+3"]


def test_csv_statuses_locations_masking_and_formula_injection(settings, tmp_path: Path) -> None:
    from flows.report import publish_report
    from flows.warehouse import open_warehouse

    sf = open_warehouse(settings.resolved_warehouse_url)
    batch_id = ledger.start_batch(sf, "cli", "p1")
    for n, dossier_code in enumerate(INJECTIONS):
        _record(sf, settings, f"{dossier_code}/cccd-{n}.png", "citizen_id", CARD, batch_id)
    _record(sf, settings, "HS-079190001234/CCCD 079190001234.png", "citizen_id", CARD, batch_id)
    publish_report(settings, batch_id=batch_id, out_dir=tmp_path)
    raw = (tmp_path / f"batch-{batch_id}-rule-results.csv").read_bytes()
    text = raw.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))

    # Formula injection: every such cell is text to a spreadsheet.
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)
    dossiers = {r["dossier"] for r in rows}
    # (The first one holds a "/": its dossier is the folder before it, "=cmd|' ".)
    assert {"'" + d.split("/")[0] for d in INJECTIONS} <= dossiers, dossiers
    # Personal IDs masked in the file and dossier columns; the file is the archive location.
    assert "079190001234" not in text and "HS-079******234" in dossiers
    archive = settings.location("archive")
    masked_card = next(r for r in rows if r["dossier"] == "HS-079******234")
    assert masked_card["file"] == f"{archive.bucket}/{archive.key('HS-079******234/CCCD 079******234.png')}"
    # A rule with nothing to evaluate is not_applicable, not passed.
    results = {r["result"] for r in rows}
    assert results <= {"passed", "failed", "not_applicable"} and "not_applicable" in results
    assert all(r["result"] == "not_applicable" for r in rows if r["evaluated"] == "0")
    assert all(r["result"] != "not_applicable" for r in rows if r["evaluated"] != "0")


def test_the_report_server_serves_reports_and_originals_read_only(settings, batch, tmp_path: Path) -> None:
    import threading
    import urllib.error
    import urllib.request

    from flows.report import make_server, publish_report
    from storage.links import Links
    from storage.localserver import free_port

    _, batch_id, ids = batch
    served = settings.model_copy(update={"report_port": free_port()})
    publish_report(served, batch_id=batch_id, out_dir=tmp_path)
    server = make_server(served)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        links = Links(served.report_links_base)
        with urllib.request.urlopen(links.report(f"batch-{batch_id}"), timeout=30) as resp:
            assert resp.status == 200 and "Báo cáo chất lượng" in resp.read().decode()
        with urllib.request.urlopen(
            links.report(f"batch-{batch_id}", "rule-results.csv"), timeout=30
        ) as resp:
            assert resp.read().startswith("\ufeff".encode())
        with urllib.request.urlopen(links.original(ids[0]), timeout=30) as resp:
            assert resp.read() == b"\x89PNG fake page"
        with urllib.request.urlopen(served.report_links_base + "/", timeout=30) as resp:
            assert f"batch-{batch_id}" in resp.read().decode()
        for bad, code in (
            (links.original(999_999), 404),
            (served.report_links_base + "/reports/../x/report.html", 404),
        ):
            try:
                urllib.request.urlopen(bad, timeout=30)
                raise AssertionError(f"{bad} answered")
            except urllib.error.HTTPError as exc:
                assert exc.code == code, (bad, exc.code)
        request = urllib.request.Request(links.report(f"batch-{batch_id}"), data=b"x", method="PUT")
        try:
            urllib.request.urlopen(request, timeout=30)
            raise AssertionError("PUT answered")
        except urllib.error.HTTPError as exc:
            assert exc.code == 405
    finally:
        server.shutdown()
        server.server_close()


# ---- issue 16: the template escapes a hostile dossier name wherever it is shown ----------------

HOSTILE_DOSSIER = 'HS-<script>alert("hs")&<img src=x onerror=alert(2)>'  # a folder name: anything but "/"
HOSTILE_ESCAPED = "HS-&lt;script&gt;alert(&#34;hs&#34;)&amp;&lt;img src=x onerror=alert(2)&gt;"


def test_a_script_dossier_name_is_escaped_in_every_place_it_appears(settings) -> None:
    """The dossier name reaches the batch line, the per-rule lists (as text and as a link to its
    row), the review table and the dossier table (as text and as the row's id): every one is
    escaped, and no tag of it survives."""
    from importlib import resources

    from flows.report import render_html
    from flows.warehouse import open_warehouse

    sf = open_warehouse(settings.resolved_warehouse_url)
    batch_id = ledger.start_batch(sf, "cli", "p1")
    # A rejected card and a marriage form lacking the second card: the document fails rules
    # and needs a look, and the dossier fails its completeness rule.
    _record(sf, settings, f"{HOSTILE_DOSSIER}/cccd.png", "citizen_id", {**CARD, "sex": "Nam"}, batch_id)
    _record(sf, settings, f"{HOSTILE_DOSSIER}/don.png", "application_form", FORM, batch_id)
    html = render_html(_build(settings, batch_id))

    assert "<script" not in html.lower() and "<img" not in html and 'alert("hs")' not in html
    assert html.count("script") == html.count("&lt;script&gt;") + html.count("&lt;/script&gt;")

    def section(start: str, end: str) -> str:
        return html.split(start, 1)[1].split(end, 1)[0]

    assert HOSTILE_ESCAPED in section('id="batch"', "</p>")
    by_rule = section('id="by-rule"', 'id="review"')
    assert f"· {HOSTILE_ESCAPED} ·" in by_rule  # beside each failing document
    assert f'<a href="#dossier-{HOSTILE_ESCAPED}">{HOSTILE_ESCAPED}</a>' in by_rule  # the failing dossier
    assert f"<td>{HOSTILE_ESCAPED}</td>" in section('id="review"', 'id="dossiers"')
    dossiers = section('id="dossiers"', 'id="reuse"')
    assert f'<tr id="dossier-{HOSTILE_ESCAPED}"><td>{HOSTILE_ESCAPED}</td>' in dossiers
    # Nowhere else: each occurrence of the name is one of the escaped ones above.
    assert html.count("onerror") == html.count(HOSTILE_ESCAPED) >= 7
    # Escaping stays on in the template itself.
    template = resources.files("flows.report").joinpath("templates", "report.html.j2").read_text("utf-8")
    assert "|safe" not in template.replace(" ", "")
