"""Interactive, offline HTML views of the cascade: a document's cascade with its gaps, an agency's obligation map,
a large synthetic cascade for load tests, and a static site of the whole corpus."""
from .agency import agency_view
from .cascade import DEFAULT_CAP, DEFAULT_DEPTH, cascade_view
from .model import Edge, Node, View
from .site import write_site
from .synthetic import big_view

__all__ = ["DEFAULT_CAP", "DEFAULT_DEPTH", "Edge", "Node", "View", "agency_view", "big_view", "cascade_view",
           "write_site"]
