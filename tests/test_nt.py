"""The builders' N-Triples text: IRIs checked against the grammar, literals escaped so they read back exactly."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from loaders import nt


@pytest.mark.parametrize("bad", ["relative/path", "https://a b", "https://a>b", 'https://a"b', "https://a{b}", ""])
def test_an_iri_n_triples_forbids_is_refused(bad: str) -> None:
    with pytest.raises(nt.BadTerm):
        nt.iri(bad)


def test_literals_and_iris_read_back_as_written() -> None:
    text = 'Sở "Y tế"\nchủ trì\\ phối hợp\r\tđược'
    lines = [
        nt.triple(nt.iri("https://e.org/s"), nt.vc("sourceText"), nt.lit(text, "vi")),
        nt.triple(nt.iri("https://e.org/s"), nt.vc("sourceStart"), nt.typed(12, "integer")),
        nt.triple(nt.iri("https://e.org/s"), nt.vc("note"), nt.lit(text)),
    ]
    read = nt.parsed(lines)
    assert read[0].object == ox.Literal(text, language="vi")
    assert read[1].object == ox.Literal("12", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    assert read[2].object == ox.Literal(text) and nt.value(nt.iri("https://e.org/s")) == "https://e.org/s"
