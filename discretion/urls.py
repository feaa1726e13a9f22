from django.urls import path

from . import views

app_name = "discretion"

urlpatterns = [
    path("", views.index, name="index"),
]
