from rest_framework.routers import SimpleRouter

from .views import CertificateViewSet, OfficerViewSet, TrainingRecordViewSet

router = SimpleRouter()
router.register("officers", OfficerViewSet, basename="officer")
router.register("certificates", CertificateViewSet, basename="certificate")
router.register("training-records", TrainingRecordViewSet, basename="training-record")

urlpatterns = router.urls
