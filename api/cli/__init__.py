"""The command-line surface: `vn-cascade` and its commands."""
