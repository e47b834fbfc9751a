"""Errors that reach users: each names the file (or input), the field and the value."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DataError", "Problem", "ProfileError", "ProgramError"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one data file."""

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.message}"


class DataError(Exception):
    """The data set is invalid; `problems` lists every problem found, sorted by file."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        """All problems, one per line, then a count."""
        lines = [str(p) for p in self.problems]
        n = len(self.problems)
        lines.append(f"{n} problem{'s' if n != 1 else ''} found in the data")
        return "\n".join(lines)


class ProfileError(ValueError):
    """A planner profile is invalid: names the field and the bad value."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"profile: {field}: {message}")


class ProgramError(ValueError):
    """An exercise program (the program builder's sheet) is invalid: names the field and the value."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"program: {field}: {message}")
