from django.urls import path

from . import credit_views, views

app_name = "cases"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/actions/<str:name>/", views.action, name="action"),
    path("<int:pk>/credit/", credit_views.credit_page, name="credit"),
    path("<int:pk>/credit/listing/", credit_views.listing_notice, name="credit_listing"),
    path(
        "<int:pk>/credit/listing/<int:lid>/<str:action>/",
        credit_views.listing_step,
        name="credit_listing_step",
    ),
    path("<int:pk>/credit/repair/", credit_views.repair_request, name="credit_repair"),
    path("<int:pk>/credit/repair/<int:rid>/decide/", credit_views.repair_decide, name="credit_repair_decide"),
]
