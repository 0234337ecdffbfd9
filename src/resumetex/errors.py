"""The errors a user can act on. Anything else escaping resumetex is a bug."""


class ResumeError(Exception):
    """A problem the user can fix: the message says what, where, and how."""

    exit_code = 1


class DataError(ResumeError):
    """The CV file is unreadable or invalid; carries every problem found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class UsageError(ResumeError):
    """A command-line option names something that does not exist."""

    exit_code = 2


class CompileError(ResumeError):
    """XeLaTeX failed, timed out, or could not typeset every character."""


class MissingGlyphsError(CompileError):
    """Characters that no configured font has; `glyphs` lists them in order."""

    def __init__(self, glyphs: list[str], message: str) -> None:
        self.glyphs = glyphs
        super().__init__(message)


class SetupError(ResumeError):
    """TeX or a font the résumé needs is not installed."""
