"""State-changing operations of the cases app (each in one transaction with one audit event)."""
