"""Studio Ledger (委员工作室履职台账): records desk for CPPCC member studios."""

# The single source of the version (pyproject.toml reads it; importlib.metadata would cost
# ~30 ms at every start).
__version__ = "0.1.0"
