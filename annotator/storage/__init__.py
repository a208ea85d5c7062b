"""SQLite project store: returns domain objects; the only place with SQL."""
