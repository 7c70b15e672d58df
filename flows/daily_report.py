"""The daily auditors' report: every morning, the quality report of the documents stored since
the start of the previous day (midnight, Vietnam time), made and published by the same
machinery as a batch report (``report.publish_report``: HTML + CSV written, uploaded under
the reports prefix as ``since-YYYYMMDD/``, the verdict stored, a markdown artifact linking
both).

    sohoa report --yesterday          # the same report from the command line
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.masking import install_masking
from flows.recheck import LOCAL_TZ, local_today
from flows.report import publish_report
from flows.settings import DEFAULT_RETRY_DELAYS, Settings, retrying
from flows.sweep import is_transient

install_masking()  # flow runs started by a worker never pass through the CLI


def report_since(day: date) -> datetime:
    """The start of ``day`` in Vietnam, the moment the day's report counts from."""
    return datetime.combine(day, time(0), tzinfo=LOCAL_TZ)


def previous_day() -> date:
    return local_today() - timedelta(days=1)


def _retry_if_transient(task, task_run, state) -> bool:
    exc = state.result(raise_on_failure=False)
    return isinstance(exc, BaseException) and is_transient(exc)


@task(
    name="publish-daily-report",
    retries=3,
    retry_delay_seconds=DEFAULT_RETRY_DELAYS,
    retry_condition_fn=_retry_if_transient,
    cache_policy=NO_CACHE,
)
def publish_daily_report(settings: Settings, since: datetime, until: datetime | None = None) -> str:
    # An upload failure does not fail it (the report is written locally and says so);
    # a warehouse that is down does, and is retried.
    return str(publish_report(settings, since=since, until=until, out_dir=settings.data_dir / "reports"))


def _run_name() -> str:
    from prefect.runtime import flow_run

    day = (flow_run.parameters or {}).get("day")
    return f"daily report {day or previous_day().isoformat()}"


@flow(name="daily-report", flow_run_name=_run_name, log_prints=False)
def daily_report(settings: Settings | None = None, day: date | None = None) -> str:
    """Publish the quality report of documents stored on ``day`` (Vietnam time; default:
    yesterday in Vietnam); return the local HTML path. The run's Artifacts tab links the
    uploaded HTML and CSV."""
    settings = settings or Settings()
    day = day or previous_day()
    # [start of day, start of next day): what is stored before 06:00 belongs to today's report.
    since, until = report_since(day), report_since(day + timedelta(days=1))
    path = publish_daily_report.with_options(**retrying(settings))(settings, since, until)
    get_run_logger().info("daily report since %s: %s", since.isoformat(), path)
    return path
