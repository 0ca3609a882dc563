"""Backups in the desktop app: the settings page's backup tab (:mod:`.panel`) and the
automatic backups, the damaged-database start and restore-and-reopen (:mod:`.schedule`)."""
