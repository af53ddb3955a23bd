"""The editor's settings, declared once as a table and read through one small object.

They live in an INI file in the user's data folder (``STAGECRAFT_DATA_DIR`` moves it,
which keeps tests and portable installs apart from the user's own settings).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from app.model.datadir import data_dir

SETTINGS_FILE = "settings.ini"
MAX_RECENT_FILES = 10


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: object
    meaning: str


RECENT_FILES = Setting(
    "files/recent", list, [], "project files opened or saved lately, newest first"
)
LAST_FOLDER = Setting("files/last_folder", str, "", "the folder Open and Save As start in")
WINDOW_GEOMETRY = Setting(
    "window/geometry", QByteArray, QByteArray(), "the main window's size and place on screen"
)
COMMENT_AUTHOR = Setting(
    "comments/author", str, "", "the name shown with this user's comments (asked at the first)"
)

SETTINGS: dict[str, Setting] = {
    setting.key: setting for setting in (RECENT_FILES, LAST_FOLDER, WINDOW_GEOMETRY, COMMENT_AUTHOR)
}


class Settings:
    """Typed access to the settings table over one QSettings store."""

    def __init__(self, store: QSettings) -> None:
        self.store = store

    @classmethod
    def in_data_folder(cls) -> Settings:
        path = data_dir() / SETTINGS_FILE
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    # -- the table ------------------------------------------------------------------------

    def value(self, setting: Setting) -> object:
        raw = self.store.value(setting.key)
        if raw is None:
            return _copy(setting.default)
        if setting.type is list:
            # INI files give back a one-item list as a bare string.
            return [str(item) for item in raw] if isinstance(raw, list) else [str(raw)]
        if isinstance(raw, setting.type):
            return raw
        try:
            return setting.type(raw)
        except (TypeError, ValueError):
            return _copy(setting.default)

    def set_value(self, setting: Setting, value: object) -> None:
        if not isinstance(value, setting.type):
            raise TypeError(f"setting {setting.key} takes {setting.type.__name__}")
        self.store.setValue(setting.key, value)

    def sync(self) -> None:
        self.store.sync()

    # -- recent files ---------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        return [Path(name) for name in self.value(RECENT_FILES) if name]

    def remember_recent(self, path: Path) -> None:
        path = Path(path).absolute()
        others = [p for p in self.recent_files() if p != path]
        names = [str(p) for p in [path, *others][:MAX_RECENT_FILES]]
        self.set_value(RECENT_FILES, names)
        self.set_value(LAST_FOLDER, str(path.parent))

    def forget_recent(self, path: Path) -> None:
        path = Path(path).absolute()
        self.set_value(RECENT_FILES, [str(p) for p in self.recent_files() if p != path])

    def clear_recent(self) -> None:
        self.set_value(RECENT_FILES, [])

    # -- folders and window ---------------------------------------------------------------

    def last_folder(self) -> Path:
        folder = Path(str(self.value(LAST_FOLDER)) or Path.home())
        return folder if folder.is_dir() else Path.home()

    def window_geometry(self) -> QByteArray:
        return self.value(WINDOW_GEOMETRY)

    def set_window_geometry(self, geometry: QByteArray) -> None:
        self.set_value(WINDOW_GEOMETRY, geometry)


def _copy(value: object) -> object:
    return list(value) if isinstance(value, list) else value
