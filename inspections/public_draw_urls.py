"""Public 双随机 results, mounted under /public/draws/ (no login)."""

from django.urls import path

from .views import draws

urlpatterns = [
    path("", draws.public_draw_list, name="public_draw_list"),
    path("<int:pk>/", draws.public_draw_detail, name="public_draw_detail"),
]
