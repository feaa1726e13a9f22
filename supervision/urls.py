from django.urls import path

from . import views_licensing, views_report
from .views import campaigns, efficacy, rectifications, reviews

app_name = "supervision"

urlpatterns = [
    path("", campaigns.index, name="index"),
    path("campaigns/new/", campaigns.campaign_new, name="campaign_new"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/draw/", campaigns.campaign_draw, name="campaign_draw"),
    path("excellent/", campaigns.excellent, name="excellent"),
    path("scheme-checks/<int:pk>/", campaigns.scheme_check, name="scheme_check"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review"),
    path("reviews/<int:pk>/assign/", campaigns.review_assign, name="review_assign"),
    path("reviews/<int:pk>/save/", reviews.review_save, name="review_save"),
    path("reviews/<int:pk>/object/", reviews.review_object, name="review_object"),
    path("reviews/<int:pk>/recheck/", reviews.review_recheck, name="review_recheck"),
    path("reviews/<int:pk>/excellent/", reviews.review_excellent, name="review_excellent"),
    path("reviews/<int:pk>/rectify/", reviews.review_rectify, name="review_rectify"),
    path("reviews/<int:pk>/documents/<int:doc>/", reviews.review_document, name="review_document"),
    path("reviews/<int:pk>/evidence/<int:ev>/", reviews.review_evidence, name="review_evidence"),
    path("rectifications/<int:pk>/", rectifications.rectification_detail, name="rectification"),
    path("rectifications/<int:pk>/answer/", rectifications.rectification_answer, name="rectification_answer"),
    path("rectifications/<int:pk>/decide/", rectifications.rectification_decide, name="rectification_decide"),
    path(
        "rectifications/<int:pk>/files/<int:ev>/",
        rectifications.rectification_file,
        name="rectification_file",
    ),
    path("efficacy/", efficacy.evaluation_list, name="efficacy_list"),
    path("efficacy/build/", efficacy.evaluation_build, name="efficacy_build"),
    path("efficacy/<int:pk>/", efficacy.evaluation_detail, name="efficacy_detail"),
    path("efficacy/<int:pk>/publish/", efficacy.evaluation_publish, name="efficacy_publish"),
    path("efficacy/<int:pk>/pdf/", efficacy.evaluation_pdf, name="efficacy_pdf"),
    path("efficacy/<int:pk>/drill/<slug:key>/<slug:part>/", efficacy.evaluation_drill, name="efficacy_drill"),
    path("reports/", views_report.report_list, name="report_list"),
    path("reports/licensing/", views_licensing.licensing_page, name="licensing"),
    path("reports/start/", views_report.report_start, name="report_start"),
    path("reports/<int:pk>/", views_report.report_detail, name="report_detail"),
    path("reports/<int:pk>/narrative/", views_report.report_narrative, name="report_narrative"),
    path("reports/<int:pk>/<str:kind>/", views_report.report_file, name="report_file"),
]
