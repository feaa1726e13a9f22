from django.urls import path

from . import views
from .views import draws

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
    # 双随机 draws, recusals, joint inspections
    path("draws/", draws.draw_list, name="draw_list"),
    path("draws/new/", draws.draw_new, name="draw_new"),
    path("draws/<int:pk>/", draws.draw_detail, name="draw_detail"),
    path("draws/<int:pk>/<slug:action>/", draws.draw_action, name="draw_action"),
    path("recusals/", draws.recusal_list, name="recusal_list"),
    path("joint/", draws.joint_list, name="joint_list"),
    path("joint/new/", draws.joint_new, name="joint_new"),
    path("joint/<int:pk>/", draws.joint_detail, name="joint_detail"),
    path("joint/<int:pk>/<slug:action>/", draws.joint_action, name="joint_action"),
    # plans, joint inspections and the plan dashboard: see INSPECTIONS-NOTES (second engineer)
]
