"""``python -m studio_app`` is the same as the ``studio-app`` command."""

from studio_app.cli import main

raise SystemExit(main())
