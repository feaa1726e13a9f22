from django.urls import path

from . import views, views_deadlines

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("deadlines/", views_deadlines.deadline_list, name="deadlines"),
    path("inbox/", views_deadlines.inbox, name="inbox"),
    path("inbox/read-all/", views_deadlines.inbox_mark_all_read, name="inbox-read-all"),
    path("inbox/<int:pk>/read/", views_deadlines.inbox_mark_read, name="inbox-read"),
]
