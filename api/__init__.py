"""Interfaces: the vn-cascade command line (and, later, the HTTP service)."""
