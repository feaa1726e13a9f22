"""Models of the supervision app."""

from .models_report import AnnualReport, ReportStatus  # noqa: F401
