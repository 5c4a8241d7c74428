"""The surfaces people and programs use: the HTTP service (api.http) and the command line (api.cli)."""
