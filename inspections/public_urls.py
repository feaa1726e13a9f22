"""/public/plans/: published annual plans (no login)."""

from django.urls import path

from .views.plans import public_plan, public_plans

app_name = "inspections_public"

urlpatterns = [
    path("", public_plans, name="plans"),
    path("<int:pk>/", public_plan, name="plan"),
]
