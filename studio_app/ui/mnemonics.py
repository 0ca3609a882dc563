"""Alt+letter keys for buttons, shown as Chinese office programs show them: 保存(&S).

A button whose text has no ``&`` gets the first letter of its name (its object name, e.g.
``action_feed_back`` → F) that no other button of the window uses; letters already used
by the window's own buttons (``taken``) are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QAbstractButton


def has_key(text: str) -> bool:
    return "&" in text.replace("&&", "")


def key_of(text: str) -> str:
    """The letter after a single ``&`` ("" when none)."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].upper() if 0 <= at < len(plain) - 1 else ""


def assign(buttons: Iterable[QAbstractButton], taken: Iterable[str] = ()) -> None:
    """Give each button in ``buttons`` without a key a free letter of its object name."""
    buttons = list(buttons)
    used = {k.upper() for k in taken} | {key_of(b.text()) for b in buttons} - {""}
    for button in buttons:
        if has_key(button.text()):
            continue
        name = button.objectName().removeprefix("action_")
        free = [c.upper() for c in name if c.isascii() and c.isalpha() and c.upper() not in used]
        if free:
            used.add(free[0])
            button.setText(f"{button.text()}(&{free[0]})")
