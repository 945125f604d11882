"""A large file is checked and filtered a group of rows at a time as pyarrow streams it.

`load_events(path, keep=...)` must give what filtering the whole table gives, report every problem with the
line the csv-module reader gives, and leave to the whole-table path any filter whose answer could depend
on the rest of the file.
"""

from __future__ import annotations

import csv
import mmap
import sys
import threading

import numpy as np
import pyarrow as pa
import pytest
from conftest import ROOT, write_events
from hypothesis import given, settings
from hypothesis import strategies as st

from kaztimeline.errors import DataError
from kaztimeline.files import load, load_fast
from kaztimeline.files.load import FAST_PATH_MIN_BYTES, load_events
from kaztimeline.files.vocabularies import load_vocabularies
from kaztimeline.query.filters import Criteria, filter_events, row_filter
from kaztimeline.schema.model import EVENT_COLUMNS
from kaztimeline.values.arrowtext import SPACE_LEAD_BYTES, blank_cells, text_array

CRITERIA = [
    Criteria(period="2022"),
    Criteria(actors=("Russia",)),
    Criteria(actors=("russie", "CSTO")),
    Criteria(themes=("diplomacy",), since="2020"),
    Criteria(search="frontière"),
    Criteria(claim_types=("reported",), until="2015"),
    Criteria(period="1990"),  # nothing matches
    Criteria(period="2022-01", within=True),
    Criteria(since="2022", within=True),
    Criteria(),
]


def bundled_rows() -> list[dict[str, str]]:
    with open(ROOT / "data" / "events.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def large_rows(copies: int = 20) -> list[dict[str, str]]:
    """The bundled events many times over, ids made unique, some summaries over two lines."""
    return [{**e, "id": f"{e['id']}-{copy:02d}",
             "summary": e["summary"] + ("\nsecond line" if (copy + i) % 7 == 0 else "")}
            for copy in range(copies) for i, e in enumerate(bundled_rows())]


@pytest.fixture
def small_groups(monkeypatch):
    """Groups of a few dozen rows, so that a test file spans many."""
    monkeypatch.setattr(load_fast, "GROUP_ROWS", 37)


@pytest.fixture
def large_file(tmp_path):
    path = write_events(tmp_path / "events.csv", large_rows())
    assert path.stat().st_size >= FAST_PATH_MIN_BYTES
    return path


def same_events(one, two) -> None:
    assert one.data.equals(two.data)
    assert one.lines.tolist() == two.lines.tolist()
    assert one.start.tolist() == two.start.tolist() and one.end.tolist() == two.end.tolist()


@pytest.mark.parametrize("criteria", CRITERIA, ids=lambda c: ",".join(f"{k}={v}" for k, v in c.describe()) or "all")
def test_filtering_while_reading_equals_filtering_the_whole_table(small_groups, large_file, criteria):
    vocab = load_vocabularies(str(large_file))
    keep = row_filter(vocab, criteria)
    assert keep is not None
    whole = filter_events(load_events(large_file), vocab, criteria)
    same_events(load_events(large_file, keep=keep), whole)
    assert len(whole) < 20 * len(bundled_rows()) or criteria == Criteria()


@pytest.mark.parametrize("criteria", CRITERIA[:3], ids=["period", "actor", "actors"])
def test_the_csv_module_path_filters_the_same_way(criteria):
    vocab = load_vocabularies(None)
    whole = filter_events(load_events(), vocab, criteria)
    same_events(load_events(keep=row_filter(vocab, criteria)), whole)


@pytest.mark.parametrize("criteria", [
    Criteria(actors=("Brand New Actor",)), Criteria(themes=("no-such-theme",)),
    Criteria(sources=("not-a-seed.txt",)), Criteria(claim_types=("rumour",)), Criteria(period="2022Q5"),
    Criteria(period="2022", since="2021"),
])
def test_criteria_that_depend_on_the_file_are_left_to_the_whole_table(criteria):
    """A name the vocabularies lack may be one the file uses, or an error that must name the file's values."""
    assert row_filter(load_vocabularies(None), criteria) is None


def test_an_actor_only_the_file_names_is_still_found(invoke, tmp_path):
    rows = large_rows()
    rows[1234] = {**rows[1234], "actors": "Brand New Actor"}
    path = write_events(tmp_path / "events.csv", rows)
    result = invoke("list", "--data", str(path), "--actor", "brand new actor", "--format", "csv", "-c", "id")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["id", rows[1234]["id"]]


def problems(path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_events(path)
    return caught.value.lines()


@pytest.mark.parametrize("keep", [False, True])
def test_problems_in_many_groups_read_as_the_csv_module_reports_them(small_groups, monkeypatch, tmp_path, keep):
    rows = large_rows()
    rows[40] = {**rows[40], "title": "  "}
    rows[41] = {**rows[41], "date": "2022-13-01"}
    rows[900] = {**rows[900], "id": rows[3]["id"]}  # a repeat in another group
    rows[1500] = {**rows[1500], "claim_type": "rumour", "end_date": "1900"}
    path = write_events(tmp_path / "events.csv", rows)
    if keep:
        vocab = load_vocabularies(str(path))
        with pytest.raises(DataError) as caught:
            load_events(path, keep=row_filter(vocab, Criteria(period="2022")))
        fast = caught.value.lines()
    else:
        fast = problems(path)
    monkeypatch.setattr(load, "FAST_PATH_MIN_BYTES", 1 << 40)  # the csv module reads it
    assert fast == problems(path)
    assert len(fast) == 5 and all(line.startswith(f"{path}:") for line in fast)


@pytest.mark.parametrize("ending", ["\n\n\n", "\r\n\r\n", "," * (len(EVENT_COLUMNS) - 1) + "\n"])
def test_blank_lines_at_the_end_are_not_events(small_groups, tmp_path, ending):
    path = write_events(tmp_path / "events.csv", large_rows())
    path.write_bytes(path.read_bytes() + ending.encode())
    vocab = load_vocabularies(str(path))
    keep = row_filter(vocab, Criteria(actors=("Russia",)))
    if ending.startswith(","):  # a row of empty cells is a row with problems, as the csv module reads it
        assert problems(path)[0].endswith("id: required value is empty")
        return
    expected = filter_events(load_events(path), vocab, Criteria(actors=("Russia",)))
    same_events(load_events(path, keep=keep), expected)
    assert len(load_events(path)) == 20 * len(bundled_rows())


def test_the_reader_stops_when_its_caller_does(monkeypatch, large_file):
    """A caller that leaves after one group must not wait for the reader to read the rest, or hang."""
    monkeypatch.setattr(load_fast, "READ_AHEAD", 1)
    monkeypatch.setattr(load_fast, "GROUP_ROWS", 10)
    done = threading.Event()

    def read_one_group():
        with open(large_file, "rb") as fh:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        stream = load_fast.ArrowStream.open(data, (), path=str(large_file))
        with stream:
            first, group = next(iter(stream.groups()))
            assert first == 0 and group.num_rows >= 10
        done.set()

    reader = threading.Thread(target=read_one_group, daemon=True)
    reader.start()
    reader.join(timeout=30)
    assert done.is_set()


cells = st.text(alphabet=st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x85\xa0\u1680\u2000\u2028\u205f\u3000\u200b"
                                             "\u180e\u2060«Éxé!~\x7f\U0001f600")), max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(cells, max_size=6), max_size=4))
def test_blank_cells_are_what_str_strip_calls_blank(chunks):
    column = pa.chunked_array([text_array(chunk) for chunk in chunks], type=pa.large_string())
    expected = [not cell.strip() for chunk in chunks for cell in chunk]
    assert blank_cells(column).tolist() == expected
    assert blank_cells(column).dtype == np.bool_


def test_the_whitespace_lead_bytes_are_pythons():
    """`blank_cells` looks at two bytes for non-ASCII whitespace; the pairs must be all that `str.isspace` has."""
    derived = {chr(code).encode("utf-8")[:2] for code in range(0x80, sys.maxunicode + 1)
               if not 0xD800 <= code <= 0xDFFF and chr(code).isspace()}
    assert derived == {bytes(pair) for pair in SPACE_LEAD_BYTES}
