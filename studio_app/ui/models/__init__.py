"""Models of the desktop interface."""
