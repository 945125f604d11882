"""The Table Schema constraints of datapackage.json, applied cell by cell: exact messages and lines."""

from __future__ import annotations

from kaztimeline.schema.descriptor import Field, constraint_problems, header_problems
from kaztimeline.schema.model import CsvCells

FIELDS = (Field("id", "", {}), Field("name", "", {}), Field("note", "", {}))


def _table(header: list[str], *rows: list[str]) -> CsvCells:
    return CsvCells("t.csv", header, [list(r) for r in rows], list(range(2, len(rows) + 2)))


def _messages(problems) -> list[tuple[int | None, str, str]]:
    return [(p.line, p.column, p.message) for p in problems]


def test_header_problems_are_on_line_1_unless_told():
    assert [p.line for p in header_problems(_table(["id", "name"]), FIELDS)] == [1]
    assert [p.line for p in header_problems(_table(["id", "name"]), FIELDS, header_line=7)] == [7]


def test_one_missing_column_is_singular_two_are_plural():
    one, = header_problems(_table(["id", "name"]), FIELDS)
    assert one.message.startswith("missing column: note (")
    two, = header_problems(_table(["id"]), FIELDS)
    assert two.message.startswith("missing columns: name, note (")


def test_extra_column_is_one_warning_naming_it():
    problem, = header_problems(_table(["id", "name", "note", "mood"]), FIELDS)
    assert (problem.column, problem.severity) == ("mood", "warning")


def test_columns_out_of_schema_order_are_an_error():
    problem, = header_problems(_table(["name", "id", "note"]), FIELDS)
    assert problem.severity == "error"
    assert problem.message == "columns out of order: the schema's order is id,name,note"


def test_unique_field_names_the_first_line_for_every_repeat():
    fields = (Field("id", "", {"unique": True}),)
    table = _table(["id"], ["a"], ["b"], ["a"], ["a"], [""], [""])
    assert _messages(constraint_problems(table, fields)) == [
        (4, "id", '"a" is already used on line 2'),
        (5, "id", '"a" is already used on line 2'),
    ]


def test_a_cell_already_wrong_is_not_counted_as_a_repeat():
    fields = (Field("id", "", {"unique": True, "pattern": "[a-z]+"}),)
    table = _table(["id"], ["A"], ["A"])
    assert [m for _, _, m in _messages(constraint_problems(table, fields))] == [
        '"A" does not match the pattern [a-z]+', '"A" does not match the pattern [a-z]+']


def test_pattern_message_adds_the_field_description_without_its_full_stop():
    described = (Field("id", "Lower-case words.", {"pattern": "[a-z]+"}),)
    bare = (Field("id", "", {"pattern": "[a-z]+"}),)
    table = _table(["id"], ["x1"])
    assert _messages(constraint_problems(table, described)) == [
        (2, "id", '"x1" does not match the pattern [a-z]+ (Lower-case words)')]
    assert _messages(constraint_problems(table, bare)) == [
        (2, "id", '"x1" does not match the pattern [a-z]+')]


def test_length_limits_are_inclusive():
    fields = (Field("name", "", {"maxLength": 3, "minLength": 2}),)
    table = _table(["name"], ["abc"], ["ab"], ["abcd"], ["a"])
    assert _messages(constraint_problems(table, fields)) == [
        (4, "name", "4 characters, more than the 3 allowed"),
        (5, "name", "1 characters, fewer than the 2 required"),
    ]
