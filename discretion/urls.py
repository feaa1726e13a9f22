from django.urls import path

from . import views

app_name = "discretion"

urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views.search, name="search"),
    path("violations/<int:pk>/", views.violation_detail, name="violation_detail"),
    path("violations/<int:pk>/calculate/", views.calculate, name="calculate"),
    path("violations/<int:pk>/calculation-sheet.pdf", views.calculation_sheet, name="calculation_sheet"),
    path("versions/", views.version_list, name="version_list"),
    path("versions/compare/", views.version_compare, name="version_compare"),
    path("versions/<int:pk>/", views.version_detail, name="version_detail"),
    path("versions/<int:pk>/copy/", views.version_copy, name="version_copy"),
    path("versions/<int:pk>/publish/", views.version_publish, name="version_publish"),
    path("versions/<int:pk>/export.xlsx", views.version_export, name="version_export"),
    path("versions/<int:pk>/import/", views.version_import, name="version_import"),
]
