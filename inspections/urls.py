from django.urls import path

from . import views

app_name = "inspections"

urlpatterns = [
    path("", views.index, name="index"),
    # schemes and on-site records
    path("schemes/new/", views.scheme_new, name="scheme_new"),
    path("schemes/<int:pk>/", views.scheme_detail, name="scheme_detail"),
    path("schemes/<int:pk>/start/", views.inspection_start, name="inspection_start"),
    path("schemes/<int:pk>/<slug:action>/", views.scheme_action, name="scheme_action"),
    path("records/<int:pk>/", views.record_page, name="record"),
    path("records/<int:pk>/attach/", views.record_attach, name="record_attach"),
    path("records/<int:pk>/hazard/", views.record_hazard, name="record_hazard"),
    path("records/<int:pk>/complete/", views.record_complete, name="record_complete"),
    # hazards
    path("hazards/", views.hazard_list, name="hazard_list"),
    path("hazards/<int:pk>/", views.hazard_detail, name="hazard_detail"),
    path("hazards/<int:pk>/<slug:action>/", views.hazard_action, name="hazard_action"),
    # plans, draws, joint inspections and the plan dashboard: see INSPECTIONS-NOTES (second engineer)
]
