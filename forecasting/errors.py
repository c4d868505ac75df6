"""The one error type for a user's mistake, and the error a model raises on unusable input.

`InputError` carries the file, row and field of the mistake; the CLI prints `str(error)` as one
line and exits with code 2. Anything else that escapes is a bug (exit code 1, traceback).
`InputWarning` is input that is read, but probably not as its user meant: the library warns
with it (`warnings.warn`) and the application shows it as one warning line.
"""

from __future__ import annotations


class InputWarning(UserWarning):
    """Input read, but probably not as meant (a local-clock file read as UTC): the run goes
    on, and the application prints the message as one ``warning:`` line."""


class InputError(Exception):
    """A mistake in a user's data or configuration: names the file, row and field."""

    def __init__(
        self,
        file: str,
        message: str,
        *,
        row: int | str | None = None,
        field: str | None = None,
    ) -> None:
        self.file = str(file)
        self.message = message
        self.row = row
        self.field = field
        super().__init__(str(self))

    def __reduce__(self):
        # picklable with its keywords, so an error raised in a worker process arrives whole
        return (self.__class__, (self.file, self.message), {"row": self.row, "field": self.field})

    def __str__(self) -> str:
        where = self.file
        if isinstance(self.row, str):
            where += f", {self.row}"
        elif self.row is not None:
            where += f", row {self.row}"
        if self.field is not None:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class SeriesTooShortError(ValueError):
    """A model was given fewer observations than it needs."""

    def __init__(self, model: str, needed: int, got: int) -> None:
        self.model = model
        self.needed = needed
        self.got = got
        super().__init__(f"model '{model}' needs at least {needed} observations, got {got}")

    def __reduce__(self):
        # picklable, so an error raised in a worker process arrives whole (not as a
        # BrokenProcessPool: the default pickling would call __init__ with one argument)
        return (self.__class__, (self.model, self.needed, self.got))
