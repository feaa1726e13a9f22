from django.urls import path

from . import archive_views, views

app_name = "cases"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/actions/<str:name>/", views.action, name="action"),
    path("<int:pk>/dossier/", archive_views.dossier_pdf, name="dossier"),
    path("<int:pk>/borrowings/", archive_views.borrow, name="borrow"),
    path("<int:pk>/borrowings/<int:bid>/decide/", archive_views.decide_borrowing, name="borrow-decide"),
    path("<int:pk>/borrowings/<int:bid>/return/", archive_views.return_borrowing, name="borrow-return"),
    path("<int:pk>/supplements/", archive_views.supplement, name="supplement"),
]
