"""Pages of the supervision app under /supervision/."""
