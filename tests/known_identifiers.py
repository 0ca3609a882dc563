"""A set of known, valid identifiers to plant in a ledger and to grep every output for.

ID numbers carry a correct GB 11643 check digit; phones are a mobile and a landline in
their stored forms. ``leaks`` finds each identifier's full value, its derived form (the
digits-only ``phone_key``) and the part of an ID number a mask hides (the birth date).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from studio_app.core.identity import id_check_digit, phone_digits


def _id(first17: str) -> str:
    return first17 + id_check_digit(first17)


ID_1 = _id("33032619870315001")  # the resident as created
ID_2 = _id("33032619620907004")  # a second resident, merged into a third
ID_3 = _id("33030219911124003")  # only in a conflict's incoming version
MOBILE_1 = "13957701234"  # created with it…
MOBILE_2 = "13857709876"  # …then changed to this
LANDLINE = "0577-86123456"
MOBILE_3 = "15967708765"  # only in a conflict's incoming version
IDS = (ID_1, ID_2, ID_3)
PHONES = (MOBILE_1, MOBILE_2, LANDLINE, MOBILE_3)


def needles() -> dict[str, str]:
    """Every string whose presence means an identifier leaked → what it is."""
    found = {}
    for i in IDS:
        found[i] = "ID number"
        found[i[6:14]] = f"birth date hidden by the mask of {i}"
    for p in PHONES:
        found[p] = "phone"
        found[phone_digits(p)] = f"phone_key of {p}"
    return found


def leaks(text: str) -> list[str]:
    """The identifiers (in any form) found in ``text``."""
    return sorted({f"{what}: {needle}" for needle, what in needles().items() if needle in text})


def file_text(path: Path) -> str:
    """What a file holds, as text: every member of a zip (xlsx) decoded, else the bytes."""
    data = path.read_bytes()
    if data[:2] == b"PK":
        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return data.decode("utf-8", "replace")
