"""Dates as the portal writes them in running text (6 december 2026), spelled out here on their own
so that a test does not check the portal's formatting with the portal's own formatter."""

import datetime

MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december")  # fmt: skip


def voluit(dag: datetime.date) -> str:
    return f"{dag.day} {MAANDEN[dag.month - 1]} {dag.year}"
