"""The import sources the fuzzing first found mishandled, kept as fixed cases: each gives
one line (ImportFailed), not an uncaught error."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.importers.plan import ImportFailed
from app.importers.service import read_plan


@pytest.mark.parametrize("duration", ["1e309", "inf", "-inf", "nan", "NaN", "1e400"])
def test_a_duration_that_is_no_finite_number_is_refused_in_one_line(
    tmp_path: Path, duration: str
) -> None:
    """float() reads these; int() of infinity raised OverflowError, of NaN ValueError."""
    path = tmp_path / "cards.csv"
    path.write_text(f"Lane,Step,Card,Duration (minutes)\nFrontstage,Book,Rings,{duration}\n")
    with pytest.raises(ImportFailed) as raised:
        read_plan(path)
    message = str(raised.value)
    assert message == (
        f"line 2: the duration {duration!r} is not a whole number of minutes; write it like 15"
    )
