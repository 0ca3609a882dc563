"""Entry point of the frozen programs: the same as the ``studio-app`` command."""

from studio_app.cli import main

raise SystemExit(main())
