"""Wrapping with the shipped font's metrics."""

from app.layout.fonts import metrics
from app.layout.wrap import clean, wrap


def test_lines_fit_the_width_and_keep_every_word() -> None:
    text = "Receptionist books a slot in the GP clinical system and reads it back to the patient"
    lines = wrap(text, 120.0, 10.0)
    assert len(lines) > 1
    assert all(metrics().width(line, 10.0) <= 120.0 for line in lines)
    assert " ".join(lines) == text


def test_a_word_longer_than_the_width_is_broken() -> None:
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis"
    lines = wrap(word, 60.0, 10.0)
    assert "".join(lines) == word
    assert all(metrics().width(line, 10.0) <= 60.0 for line in lines)


def test_line_breaks_are_kept_and_control_characters_shown_as_spaces() -> None:
    assert wrap("one\ntwo", 200.0, 10.0) == ("one", "two")
    assert clean("a\x00b\u202ec") == "a b c"


def test_widths_follow_the_font() -> None:
    assert metrics().width("iiii", 10.0) < metrics().width("WWWW", 10.0)
    assert metrics().width("", 10.0) == 0.0
