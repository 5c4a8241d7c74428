"""Vietnamese alphabetical order (ICU's CLDR collation for `vi`): 'Ă' and 'Â' after 'A', 'Đ' after 'D', 'Ơ' after
'Ô', 'Ư' after 'U', tones after the letters, numbers by value ('Phường 2' before 'Phường 10'), as a Vietnamese
reader sorts names."""

from __future__ import annotations

import threading
import unicodedata

import icu

_local = threading.local()  # an ICU collator is not safe to share between threads


def _collator() -> icu.Collator:
    collator = getattr(_local, "collator", None)
    if collator is None:
        collator = _local.collator = icu.Collator.createInstance(icu.Locale("vi"))
        collator.setAttribute(icu.UCollAttribute.NUMERIC_COLLATION, icu.UCollAttributeValue.ON)
    return collator


def vi_key(text: str) -> bytes:
    """The sort key of a text in Vietnamese order (NFC first: a decomposed text sorts as its composed form)."""
    return bytes(_collator().getSortKey(unicodedata.normalize("NFC", text)))
