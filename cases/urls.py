from django.urls import path

from . import views, views_conclude, views_create

app_name = "cases"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views_create.create, name="create"),
    path("new/enterprises/", views_create.enterprise_search, name="enterprise_search"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/actions/<str:name>/", views.action, name="action"),
    path("<int:pk>/recommend/<int:row>/", views_conclude.recommend, name="recommend"),
]
