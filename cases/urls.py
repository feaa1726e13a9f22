from django.urls import path

from . import views, views_documents

app_name = "cases"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/actions/<str:name>/", views.action, name="action"),
    path("<int:pk>/actions/<str:name>/preview/", views_documents.preview, name="preview"),
    path("<int:pk>/documents/check/", views_documents.check, name="documents_check"),
]
