from rest_framework.routers import DefaultRouter

router = DefaultRouter()
# viewsets are registered here by the core API module

urlpatterns = router.urls
