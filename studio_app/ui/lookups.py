"""Display labels of codes, read once and shared by the list and the dialogs.

``data()`` of a table model runs for every visible cell on every repaint: it must look
labels up in dicts, never ask the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from studio_app.core.codes import (
    Channel,
    Coded,
    CodeListKind,
    FeedbackChannel,
    Handling,
    Satisfaction,
    VisitStatus,
)
from studio_app.services import site
from studio_app.ui.i18n import label


def enum_labels(enum: type[Coded]) -> dict[str, str]:
    """code → label in the UI language, in declaration order."""
    return {m.value: label(m) for m in enum}


@dataclass
class Lookups:
    """code → label maps for the fixed enumerations and the editable code lists."""

    channel: dict[str, str]
    handling: dict[str, str]
    status: dict[str, str]
    feedback_channel: dict[str, str]
    satisfaction: dict[str, str]
    category: dict[str, str]
    unit: dict[str, str]
    _lists: dict[CodeListKind, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Lookups:
        return cls(
            channel=enum_labels(Channel),
            handling=enum_labels(Handling),
            status=enum_labels(VisitStatus),
            feedback_channel=enum_labels(FeedbackChannel),
            satisfaction=enum_labels(Satisfaction),
            category=site.code_labels(CodeListKind.ISSUE_CATEGORY),
            unit=site.code_labels(CodeListKind.HANDLING_UNIT),
        )

    def __post_init__(self) -> None:
        self._lists.update(
            {CodeListKind.ISSUE_CATEGORY: self.category, CodeListKind.HANDLING_UNIT: self.unit}
        )

    def codes(self, kind: CodeListKind) -> dict[str, str]:
        """code → label of an editable list, shared: kept current by :meth:`reread_code_lists`."""
        if kind not in self._lists:
            self._lists[kind] = site.code_labels(kind)
        return self._lists[kind]

    def reread_code_lists(self) -> None:
        """Read the editable lists' labels again, in place (lists and forms share the maps)."""
        for kind, labels in self._lists.items():
            labels.clear()
            labels.update(site.code_labels(kind))
