"""Transactions that survive a lost race.

Services that lock rows lock them in one order (DESIGN.md: the request first, then its offers by
id), so they do not deadlock each other. What PostgreSQL still refuses under load (a deadlock with
another kind of writer, a serialization failure) is retried once from the start, inside the
service, so it never reaches a user as a server error.
"""

from __future__ import annotations

import functools
import logging

from django.db import OperationalError, transaction

logger = logging.getLogger(__name__)

# SQLSTATE 40P01 deadlock_detected, 40001 serialization_failure
HERHAALBARE_FOUTEN = {"40P01", "40001"}


def _is_herhaalbaar(fout: OperationalError) -> bool:
    oorzaak = fout.__cause__
    return getattr(oorzaak, "sqlstate", None) in HERHAALBARE_FOUTEN


def atomair_met_herhaling(functie):
    """Run the service in one transaction; after a deadlock or serialization failure, once more.

    Only the outermost transaction can be retried: inside another transaction the error goes up
    to the caller unchanged.
    """

    @functools.wraps(functie)
    def omhulsel(*args, **kwargs):
        if transaction.get_connection().in_atomic_block:
            with transaction.atomic():
                return functie(*args, **kwargs)
        try:
            with transaction.atomic():
                return functie(*args, **kwargs)
        except OperationalError as fout:
            if not _is_herhaalbaar(fout):
                raise
            logger.warning("%s: %s; nog een keer", functie.__qualname__, fout.__cause__.sqlstate)
        with transaction.atomic():
            return functie(*args, **kwargs)

    return omhulsel
