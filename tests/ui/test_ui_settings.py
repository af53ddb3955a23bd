"""Settings are one table read through one object, stored under the data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray

from app.ui.settings import (
    LAST_FOLDER,
    MAX_RECENT_FILES,
    RECENT_FILES,
    SETTINGS,
    SETTINGS_FILE,
    Settings,
)


def test_every_setting_has_a_type_a_default_and_a_meaning() -> None:
    assert set(SETTINGS) == {
        "files/recent",
        "files/last_folder",
        "window/geometry",
        "comments/author",
    }
    for setting in SETTINGS.values():
        assert isinstance(setting.default, setting.type)
        assert setting.meaning


def test_settings_live_in_the_data_folder(data_dir: Path) -> None:
    settings = Settings.in_data_folder()
    settings.remember_recent(Path("/plans/ward.blueprint"))
    settings.sync()
    assert (data_dir / SETTINGS_FILE).exists()
    assert Settings.in_data_folder().recent_files() == [Path("/plans/ward.blueprint")]


def test_recent_files_are_newest_first_without_repeats(settings: Settings) -> None:
    for name in ("a", "b", "a", "c"):
        settings.remember_recent(Path(f"/plans/{name}.blueprint"))
    assert [p.stem for p in settings.recent_files()] == ["c", "a", "b"]
    assert settings.value(LAST_FOLDER) == "/plans"
    for number in range(MAX_RECENT_FILES + 5):
        settings.remember_recent(Path(f"/plans/{number}.blueprint"))
    assert len(settings.recent_files()) == MAX_RECENT_FILES
    settings.forget_recent(Path(f"/plans/{MAX_RECENT_FILES + 4}.blueprint"))
    assert len(settings.recent_files()) == MAX_RECENT_FILES - 1


def test_a_single_recent_file_survives_the_ini_file(settings: Settings, data_dir: Path) -> None:
    settings.remember_recent(Path("/plans/only.blueprint"))
    settings.sync()
    again = Settings.in_data_folder()
    assert again.value(RECENT_FILES) == ["/plans/only.blueprint"]


def test_defaults_and_wrong_types(settings: Settings, tmp_path: Path) -> None:
    assert settings.recent_files() == []
    assert settings.window_geometry() == QByteArray()
    assert settings.last_folder() == Path.home()
    settings.set_value(LAST_FOLDER, str(tmp_path))
    assert settings.last_folder() == tmp_path
    with pytest.raises(TypeError):
        settings.set_value(RECENT_FILES, "not a list")
