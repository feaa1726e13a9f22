from django.urls import path

from . import views, views_documents

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # Before any generic catalog include, so /catalog/print/ is not taken for an item page.
    path("catalog/print/", views_documents.catalog_print, name="catalog-print"),
    path("documents/<int:pk>/pdf/", views_documents.document_pdf, name="document-pdf"),
]
