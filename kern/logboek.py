"""Logs without private links: a family's link (/opvang/aanvraag/<token>/...) is the key to its
request, so no log line, access log or error log may hold the token.

- `verberg(tekst)`: the text with the token after /opvang/aanvraag/ (also URL-encoded, as in a
  ?next= parameter) and any other path segment of 43 URL-safe characters (the length of a token)
  replaced by `***`.
- `VerbergGeheimeLinks`: a logging filter that does this to a record's message and traceback;
  settings.LOGGING puts it on the handler of Django's request and server logs and the root logger.
- `GunicornLogger`: gunicorn's logger with the same filter on its access and error logs
  (hvhk/gunicorn.conf.py names it as `logger_class`).
"""

from __future__ import annotations

import logging
import re

from gunicorn import glogging

GEMASKEERD = "***"
_SCHEIDING = r"(?:/|%2[fF])"
_GEHEIME_LINK = re.compile(rf"({_SCHEIDING}opvang{_SCHEIDING}aanvraag{_SCHEIDING})[^/%?#&\s\"'<>]+")
_TOKEN = re.compile(r"(?<=/)[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")


def verberg(tekst: str) -> str:
    """The text with every private token masked."""
    return _TOKEN.sub(GEMASKEERD, _GEHEIME_LINK.sub(rf"\g<1>{GEMASKEERD}", tekst))


class VerbergGeheimeLinks(logging.Filter):
    """Masks private links in the message, the traceback and the stack of every record it sees."""

    _opmaak = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        bericht = record.getMessage()
        gemaskeerd = verberg(bericht)
        if gemaskeerd != bericht:
            record.msg, record.args = gemaskeerd, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = self._opmaak.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = verberg(record.exc_text)
        if record.stack_info:
            record.stack_info = verberg(record.stack_info)
        return True


class GunicornLogger(glogging.Logger):
    """gunicorn's logger; its access and error logs mask private links."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        for logger in (self.access_log, self.error_log):
            if not any(isinstance(f, VerbergGeheimeLinks) for f in logger.filters):
                logger.addFilter(VerbergGeheimeLinks())
