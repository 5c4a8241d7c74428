"""The read model: one view of the store per change that the audit, REST, UI, CLI, views and site all read."""
