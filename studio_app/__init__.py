"""Studio Ledger (委员工作室履职台账): records desk for CPPCC member studios."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("studio-app")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"
