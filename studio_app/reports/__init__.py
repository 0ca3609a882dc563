"""Printed output (reportlab): forms, batches and statistics reports, in Chinese on A4."""
