"""Excel workbooks exchanged with the county office: packages, import plans, ledgers."""
