"""Structured logs: one JSON object a line, with the request id the audit context carries.

The request id is the one AuditContextMiddleware sets (X-Request-ID or a new one), so a log line, the response
header and the audit rows of one request share it.
"""

import datetime as dt
import json
import logging

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id", "channel"}


class RequestIdFilter(logging.Filter):
    """Adds request_id and channel of the current request (empty outside one) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        from . import audit  # logging is configured before the apps (audit imports models)

        ctx = audit.current_context()
        record.request_id = ctx.request_id
        record.channel = ctx.channel
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "at": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", ""),
            "channel": getattr(record, "channel", ""),
        }
        # Extra fields given as logger.info(..., extra={...}) go along, as JSON where they can.
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool | None) else str(value)
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
