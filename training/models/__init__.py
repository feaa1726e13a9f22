"""Models of the training app: officer profiles, 执法证, training and requirements."""

from .certificates import AnnualReview, Certificate, CertificateEvent, CertificateQuerySet
from .officers import Officer, OfficerProfile, OfficerQuerySet, ProfessionalQualification
from .training import Course, TrainingRecord, TrainingRequirement

__all__ = [
    "AnnualReview",
    "Certificate",
    "CertificateEvent",
    "CertificateQuerySet",
    "Course",
    "Officer",
    "OfficerProfile",
    "OfficerQuerySet",
    "ProfessionalQualification",
    "TrainingRecord",
    "TrainingRequirement",
]
