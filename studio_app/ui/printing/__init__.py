"""Printing from the app: forms and reports made on the worker thread, previewed with
QtPdf, then sent to a printer or saved as PDF; statistics exported as workbook or PDF."""
