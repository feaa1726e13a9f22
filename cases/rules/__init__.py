"""Pure legal rules of the cases app (no database): party identity, limitation, periods, thresholds,
the decision guards. Every function cites the article it enforces."""
