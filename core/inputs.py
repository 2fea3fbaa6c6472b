"""Reading numbers and dates from query strings the same way everywhere.

`str.isdigit()` and Python's `\\d` accept every Unicode digit ("²", "①", "٣"), which `int()` then
rejects or reads differently, and NUL characters reach PostgreSQL as a DataError: a 500 for a typo.
Everything a request brings in is checked here, against ASCII digits and the ranges the database
and the calendar can hold.
"""

import datetime
import re

ASCII_INT = re.compile(r"[0-9]{1,19}")
ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
MAX_ID = 2_147_483_647  # the largest id a 32-bit integer column holds (PostgreSQL's integer)
# The years the calendar and the archive know; beyond them Python's and the databases' dates overflow.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def ascii_int(value, minimum=0, maximum=MAX_ID):
    """The whole number written in ASCII digits, or None when it is not one or out of range."""
    if not isinstance(value, str) or not ASCII_INT.fullmatch(value):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None


def iso_date(value):
    """A date written as YYYY-MM-DD within the years the calendar knows, else None."""
    match = ISO_DATE.fullmatch(value or "")
    if not match:
        return None
    try:
        day = datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


def has_forbidden_characters(value):
    """NUL cannot be stored or searched by PostgreSQL; no reader or client ever means it."""
    return "\x00" in value
