"""Resource ids for URLs: an instance IRI with the base cut off (`doc/79/2024/3597-kh-ubnd`), and back."""

from __future__ import annotations

from dataclasses import dataclass

from ontology import VC


@dataclass(frozen=True)
class Ids:
    """Converts between IRIs under `base`, ids and hrefs."""

    base: str

    def id_of(self, iri: str) -> str | None:
        """The id of an instance IRI, None for IRIs outside the base."""
        return iri[len(self.base) :] if iri.startswith(self.base) else None

    def short(self, iri: str) -> str:
        """The id of an IRI under the base, the IRI itself otherwise (a key that names any node)."""
        return self.id_of(iri) or iri

    def iri_of(self, given: str) -> str:
        """The IRI of a resource id, or `given` itself when it is already an IRI."""
        return given if "://" in given else self.base + given.strip("/")

    def href(self, iri: str) -> str | None:
        """The REST URL path of a document, obligation, agency or group; None for anything else."""
        rid = self.id_of(iri)
        if rid is None:
            return None
        parts = rid.split("/")
        if parts[0] == "doc" and len(parts) == 4:
            return "/documents/" + rid
        if parts[0] == "doc" and len(parts) == 6 and parts[4] == "obligation":
            return "/obligations/" + rid
        if parts[0] in ("agency", "group"):
            return "/agencies/" + rid
        return None

    def ref(self, iri: str, label: str | None = None) -> dict:
        """A link to another resource: its id, label and href."""
        return {"id": self.id_of(iri) or iri, "label": label, "href": self.href(iri)}


def concept(iri: str) -> str:
    """The local name of a vn-cascade concept (`vc:doctype-plan` → `plan`, `vc:role-lead` → `lead`)."""
    local = iri[len(VC) :] if iri.startswith(VC) else iri
    return local.split("-", 1)[1] if "-" in local else local
