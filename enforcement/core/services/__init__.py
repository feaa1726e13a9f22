"""Core services in the package layout (new modules; the services_*.py modules move here)."""
