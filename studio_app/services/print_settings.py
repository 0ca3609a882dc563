"""Printing preferences kept in the local ``setting`` table (never exported)."""

from __future__ import annotations

from studio_app.storage.models import Setting

FONT_PATH_KEY = "print.font_path"


def font_path() -> str | None:
    """The font file the user chose for printing, or None to let the app pick one."""
    row = Setting.get_or_none(Setting.key == FONT_PATH_KEY)
    value = row.value.strip() if row else ""
    return value or None


def set_font_path(path: str | None) -> None:
    """Remember (or forget, with None) the font file used for printing."""
    if not path:
        Setting.delete().where(Setting.key == FONT_PATH_KEY).execute()
        return
    Setting.insert(key=FONT_PATH_KEY, value=str(path)).on_conflict_replace().execute()
