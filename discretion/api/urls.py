from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import BenchmarkVersionViewSet, RecommendView, ViolationViewSet

router = SimpleRouter()
router.register("discretion/violations", ViolationViewSet, basename="discretion-violation")
router.register("discretion/versions", BenchmarkVersionViewSet, basename="discretion-version")

urlpatterns = [
    path("discretion/recommend/", RecommendView.as_view(), name="discretion-recommend"),
    *router.urls,
]
