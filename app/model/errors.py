"""Errors the model raises; each message says what is wrong and what to do, in one line."""


class StagecraftError(Exception):
    """A failure the user can act on; ``str(error)`` is a complete one-line message."""

    def __init__(self, message: object = "", *args: object) -> None:
        # Messages quote SQLite's, which may quote a damaged schema across several lines.
        text = str(message)
        if "\n" in text or "\r" in text:
            message = " ".join(text.split())
        super().__init__(message, *args)


class ModelError(StagecraftError, ValueError):
    """An operation was asked for something the model does not allow."""


class NotAProjectError(StagecraftError):
    """The file is missing, unreadable, or not a Stagecraft project at all."""


class DamagedFileError(StagecraftError):
    """A Stagecraft project that fails its integrity or schema checks."""


class FileLockedError(StagecraftError):
    """Someone else has the file open; ``holder`` says who."""

    def __init__(self, message: str, holder: object) -> None:
        super().__init__(message)
        self.holder = holder


class ChangedOnDiskError(StagecraftError):
    """The file on disk changed since it was opened; saving would overwrite that change."""


class SaveError(StagecraftError):
    """Saving failed; the file on disk and the working copy are as they were."""


class WorkingCopyError(StagecraftError):
    """A change could not be written to the working copy (its disk is full, or its folder
    is gone); the change is undone and the work done before it is kept."""


class ReadOnlyError(StagecraftError):
    """The project is open read-only."""
