"""Services of the inspections app: every state change goes through here (one audit event each)."""
