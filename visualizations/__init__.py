"""Interactive, offline HTML views of the cascade: a document's cascade with its gaps, an agency's obligation map,
and a static site of the whole corpus."""

from visualizations.agency import agency_view
from visualizations.cascade import DEFAULT_CAP, DEFAULT_DEPTH, cascade_view
from visualizations.model import Edge, Node, View
from visualizations.site import write_site

__all__ = ["DEFAULT_CAP", "DEFAULT_DEPTH", "Edge", "Node", "View", "agency_view", "cascade_view", "write_site"]
