"""/public/decisions/: published penalty decisions (no login)."""

from django.urls import path

from .public_views import public_decision, public_decisions

app_name = "cases_public"

urlpatterns = [
    path("", public_decisions, name="decisions"),
    path("<int:pk>/", public_decision, name="decision"),
]
