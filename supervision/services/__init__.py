"""Services of the supervision app: every state change, with its guards and audit event."""
