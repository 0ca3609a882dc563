"""The settings page (:mod:`.page`) and its tabs: general options (:mod:`.general`), the
site's profile (:mod:`.profile`) and the code lists (:mod:`.code_lists`); the backup tab is
:mod:`studio_app.ui.backup.panel`."""
