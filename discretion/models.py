"""Models of the discretion app."""
