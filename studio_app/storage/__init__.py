"""Persistence: the SQLite file, its schema and migrations. No business rules here."""
