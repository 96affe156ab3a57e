"""The one exception a user can fix: bad input, named by file, row and column."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Raised when an input cannot be used; the message tells the user where and why.

    Rows are numbered as a spreadsheet shows them (the header is row 1), so the
    user can go straight to the cell.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        row: int | None = None,
        column: str | None = None,
        expected: str | None = None,
    ):
        self.file = str(file) if file is not None else None
        self.row = row
        self.column = column
        self.expected = expected
        self.detail = message
        super().__init__(self._format())

    def _format(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        text = ", ".join(where)
        text = f"{text}: {self.detail}" if text else self.detail
        if self.expected:
            text += f" (expected {self.expected})"
        return text
