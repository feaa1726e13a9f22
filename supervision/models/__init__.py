"""Models of the supervision app (执法监督): rubrics, spot-check campaigns, reviews, rectification."""

from .campaign import AnnualQuota, Campaign
from .efficacy import EfficacyEvaluation, EfficacyRow, EvaluationStatus
from .rectification import Rectification, RectificationEvidence
from .review import CaseFileReview, ReviewScore, SchemeCheck
from .rubric import Rubric, RubricItem, RubricSection

__all__ = [
    "AnnualQuota",
    "Campaign",
    "CaseFileReview",
    "EfficacyEvaluation",
    "EfficacyRow",
    "EvaluationStatus",
    "Rectification",
    "RectificationEvidence",
    "ReviewScore",
    "Rubric",
    "RubricItem",
    "RubricSection",
    "SchemeCheck",
]

from ..models_report import AnnualReport, ReportStatus  # noqa: E402  # the annual statistics report

__all__ += ["AnnualReport", "ReportStatus"]

from ..models_licensing import LicensingFigures  # noqa: E402  # the 年报's hand-entered 行政许可 counts

__all__ += ["LicensingFigures"]
