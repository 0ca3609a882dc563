"""The record lists of the pages and the CLI, read in SQL a page at a time.

- :mod:`.paging`: the machinery: filters, sorting, keyset paging and full-text search over
  any table (``ListQuery``, ``Lister``);
- :mod:`.records`: the lists of members, residents, proposals and every declared kind;
- :mod:`.visits`: the visits list, with its overdue and workflow filters.
"""
