"""``stagecraft analyse`` and ``stagecraft diff``, run as a separate process as the user runs
them: the sample's findings and its as-is to to-be comparison in words and as JSON, the PDF
report, and one-line refusals that leave the project file as it was."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_cli import BAD, ERROR, stagecraft

AS_IS = "Physical health check (as-is)"
TO_BE = "Physical health check (to-be)"


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("analysis")
    done = stagecraft("sample", "plan.blueprint", cwd=folder, env=_data(folder))
    assert done.returncode == 0, done.stderr
    return folder / "plan.blueprint"


def _data(folder: Path) -> dict[str, str]:
    return {"STAGECRAFT_DATA_DIR": str(folder / "data")}


def _run(sample: Path, *args: str) -> tuple[int, str, str]:
    done = stagecraft(*args, cwd=sample.parent, env=_data(sample.parent))
    return done.returncode, done.stdout, done.stderr


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_analyse_names_the_duplicated_data_and_the_key_moments_dependencies(sample) -> None:
    before = _digest(sample)
    status, out, err = _run(sample, "analyse", sample.name)
    assert (status, err) == (0, "")
    text = " ".join(out.split())  # the sentences are wrapped for the terminal
    assert "“patient contact details”, is held in 2 systems: GP clinical system" in text
    assert "Mental health trust records" in text
    assert "The key moment “Health check appointment” depends on" in text
    assert "SMS reminder service" in text
    assert AS_IS in out and TO_BE in out
    assert _digest(sample) == before  # analysing never touches the file
    assert not list(sample.parent.glob("plan.blueprint.*"))  # nor leaves a lock beside it


def test_analyse_one_blueprint_as_json(sample) -> None:
    status, out, err = _run(sample, "analyse", sample.name, "--blueprint", AS_IS, "--json")
    assert (status, err) == (0, "")
    document = json.loads(out)
    assert document["format"] == "stagecraft-findings"
    assert [summary["name"] for summary in document["summaries"]] == [AS_IS]
    assert any("patient contact details" in str(finding) for finding in document["findings"])


def test_diff_tells_what_the_to_be_changes(sample) -> None:
    status, out, err = _run(sample, "diff", sample.name, "--from", AS_IS, "--to", TO_BE)
    assert (status, err) == (0, "")
    assert "8 pain points resolved, 2 remain" in out
    assert "Cards: 7 added, 2 removed, 9 changed" in out
    assert "- Waits on hold" in out


def test_diff_as_json_and_as_a_pdf_report(sample) -> None:
    folder = sample.parent
    status, out, err = _run(
        sample, "diff", sample.name, "--from", AS_IS, "--to", TO_BE, "--json", "--out", "c.pdf"
    )
    assert (status, err) == (0, "")
    document = json.loads(out)
    assert document["format"].startswith("stagecraft")
    text = "".join(page.extract_text() for page in PdfReader(folder / "c.pdf").pages)
    assert "Waits on hold" in text
    # An existing report is kept unless --force.
    status, _out, err = _run(
        sample, "diff", sample.name, "--from", AS_IS, "--to", TO_BE, "--out", "c.pdf"
    )
    assert status == 2 and err.startswith(ERROR) and "--force" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("analyse", "plan.blueprint", "--blueprint", "Nope"), "Nope"),
        (("diff", "plan.blueprint", "--from", "Nope", "--to", TO_BE), "Nope"),
        (("analyse", "missing.blueprint"), "does not exist"),
        (("diff", "plan.blueprint", "--from", AS_IS, "--to", TO_BE, "--out", "c.txt"), ".pdf"),
        (("diff", "plan.blueprint", "--from", AS_IS), "--to"),
    ],
)
def test_refusals_are_one_line(sample, args, words) -> None:
    before = _digest(sample)
    status, out, err = _run(sample, *args)
    assert status == 2 and out == ""
    assert err.startswith(ERROR) and err.count("\n") == 1 and words in err
    assert "Traceback" not in err
    assert _digest(sample) == before


@pytest.mark.parametrize("name", ["random.blueprint", "truncated.blueprint", "text.blueprint"])
def test_a_damaged_file_is_one_line(tmp_path, data_dir, name) -> None:
    copy = tmp_path / name
    shutil.copyfile(BAD / name, copy)
    before = _digest(copy)
    done = stagecraft("analyse", name, cwd=tmp_path)
    assert done.returncode != 0
    assert done.stderr.startswith(ERROR) and done.stderr.count("\n") == 1, done.stderr
    assert _digest(copy) == before


def test_a_file_from_a_newer_version_is_read_without_being_changed(tmp_path, data_dir) -> None:
    copy = tmp_path / "newer.blueprint"
    shutil.copyfile(BAD / "newer.blueprint", copy)
    before = _digest(copy)
    done = stagecraft("analyse", copy.name, cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == ""
    assert _digest(copy) == before
