"""Studio Ledger (委员工作室履职台账): records desk for CPPCC member studios."""

import sys

# The single source of the version (pyproject.toml reads it; importlib.metadata would cost
# ~30 ms at every start).
__version__ = "0.1.0"

# peewee imports psycopg whenever it is installed, ~60 ms at every start that only a county
# on PostgreSQL needs: it is imported when such a database is opened
# (studio_app.storage.postgres.driver), and handed to peewee then.
if "psycopg" not in sys.modules:
    sys.modules["psycopg"] = None  # type: ignore[assignment]
