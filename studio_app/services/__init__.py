"""Use cases: the only code that writes to the database.

Every write runs in a transaction, bumps the record's revision, stamps who and when, and
writes a field-level audit entry. The GUI, the CLI and the importer all come through here.
"""
