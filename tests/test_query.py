"""Resolving what users type: actors by name or alias, and the "did you mean" hints for names and ids."""

from __future__ import annotations

import pytest
from conftest import make_event

from kaztimeline.errors import UsageError
from kaztimeline.files.load import load_events
from kaztimeline.files.vocabularies import Actor, Vocabularies
from kaztimeline.query.filters import ActorIndex, find_event


def vocabulary(*actors: Actor) -> Vocabularies:
    return Vocabularies(actors={a.name: a for a in actors}, themes={}, sources={}, files={})


RUSSIA = Actor("Russia", "state", (), ("Russie", "Moscou", "Kremlin"))
DUMA = Actor("State Duma", "institution", ("Russia",), ("Douma",))
DEPUTY = Actor("Duma deputy", "person", ("State Duma",), ())


def hint(index: ActorIndex, typed: str) -> str:
    with pytest.raises(UsageError) as caught:
        index.resolve(typed)
    return str(caught.value)


@pytest.mark.parametrize(("typed", "actor"), [
    ("Russia", "Russia"), ("RUSSIE", "Russia"), ("moscou", "Russia"), ("Douma", "State Duma"), ("Krémlin", "Russia"),
])
def test_names_and_aliases_resolve_folded(typed, actor):
    index = ActorIndex(vocabulary(RUSSIA, DUMA))
    assert index.knows(typed) and index.resolve(typed) == actor


def test_alias_spellings_are_suggested_as_written():
    index = ActorIndex(vocabulary(RUSSIA, DUMA))
    assert hint(index, "Mouscou") == 'unknown actor "Mouscou"; did you mean Moscou? (`kaztimeline actors` lists them)'
    assert hint(index, "doumaa") == 'unknown actor "doumaa"; did you mean Douma? (`kaztimeline actors` lists them)'


def test_names_only_the_file_uses_are_suggested_too():
    index = ActorIndex(vocabulary(RUSSIA), {"Atyrau Akimat"})
    assert index.resolve("atyrau akimat") == "Atyrau Akimat"
    assert "did you mean Atyrau Akimat?" in hint(index, "Atyrau Akimt")


def test_at_most_three_actors_are_suggested_closest_first():
    names = [Actor(f"Group {n}", "organisation", (), ()) for n in ("ABCD", "A", "ABC", "AB")]
    index = ActorIndex(vocabulary(*names))
    assert hint(index, "Group Ax") == ('unknown actor "Group Ax"; did you mean Group A, Group AB, Group ABC? '
                                       "(`kaztimeline actors` lists them)")


def test_nothing_close_gives_no_suggestion():
    index = ActorIndex(vocabulary(RUSSIA))
    assert hint(index, "Zzyzx") == 'unknown actor "Zzyzx" (`kaztimeline actors` lists them)'


def test_an_actor_takes_its_members_transitively_and_survives_cycles():
    index = ActorIndex(vocabulary(RUSSIA, DUMA, DEPUTY))
    assert index.with_members("Russia") == {"Russia", "State Duma", "Duma deputy"}
    assert index.with_members("State Duma") == {"State Duma", "Duma deputy"}
    looped = ActorIndex(vocabulary(Actor("A", "state", ("B",), ()), Actor("B", "state", ("A",), ())))
    assert looped.with_members("A") == {"A", "B"}


def test_match_keys_hold_every_alias_of_the_wanted_actors():
    index = ActorIndex(vocabulary(RUSSIA, DUMA))
    assert index.match_keys({"Russia"}) == {"russia", "russie", "moscou", "kremlin"}


@pytest.fixture
def table(events_file):
    ids = ["2025-01-01-alphabcd", "2025-01-01-alpha", "2025-01-01-alphabc", "2025-01-01-alphab", "2024-05-05-beta"]
    return load_events(events_file([make_event(id=i) for i in ids]))


def test_an_id_is_found_at_its_row(table):
    assert find_event(table, "2025-01-01-alphabc") == 2
    assert find_event(table, "2024-05-05-beta") == 4


def test_an_unknown_id_suggests_at_most_three_close_ids(table):
    with pytest.raises(UsageError) as caught:
        find_event(table, "2025-01-01-alph")
    assert str(caught.value) == ('no event with id "2025-01-01-alph"; did you mean 2025-01-01-alpha, '
                                 '2025-01-01-alphab, 2025-01-01-alphabc?')
    with pytest.raises(UsageError) as caught:
        find_event(table, "zzz")
    assert str(caught.value) == 'no event with id "zzz"'
