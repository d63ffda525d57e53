"""A returned file's content hash worked out from its reference's parts (store.reader.HashBase,
issue 27) is content_hash of its fields whatever differs: values replaced, taken out (absent or
None), put in before, between and after the reference's keys, and keys named that did not change."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kodaira_desk.store.reader import HashBase, content_hash

KEYS = st.text("abcdz:\u3042", min_size=1, max_size=4)
FIELDS = st.dictionaries(KEYS, st.one_of(st.none(), st.text("xy\u5b9f ", max_size=3)), max_size=12)


@settings(max_examples=300, deadline=None)
@given(base=FIELDS, changes=FIELDS, removed=st.lists(KEYS, max_size=4), named=st.lists(KEYS, max_size=4))
def test_the_hash_from_the_reference_is_the_hash_of_the_fields(base: dict[str, str | None],
                                                               changes: dict[str, str | None],
                                                               removed: list[str], named: list[str]) -> None:
    fields = {**base, **changes}
    for key in removed:
        fields.pop(key, None)
    changed = [*changes, *removed, *named]  # every key that differs is named, and others too
    hashing = HashBase(base)
    assert hashing.hash_of(fields, changed) == content_hash(fields)
    assert hashing.hash_of(dict(base), named) == content_hash(base)  # used again: the reference is unchanged
