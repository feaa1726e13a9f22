"""Pure legal rules of the inspections app (no database)."""
