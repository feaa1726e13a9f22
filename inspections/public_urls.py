"""Public disclosure pages of the inspections app, mounted under /public/ (no login)."""

from django.urls import path

from .views import draws

urlpatterns = [
    path("draws/", draws.public_draw_list, name="public_draw_list"),
    path("draws/<int:pk>/", draws.public_draw_detail, name="public_draw_detail"),
]
