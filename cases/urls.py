from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/actions/<str:name>/", views.action, name="action"),
]
