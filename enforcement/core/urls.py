from django.urls import path

from . import views, views_calendar

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("calendar/", views_calendar.calculator, name="calendar"),
    path("calendar/days/", views_calendar.days, name="calendar-days"),
    path("calendar/days/enter-year/", views_calendar.enter_year, name="calendar-enter-year"),
    path("calendar/days/set/", views_calendar.set_day, name="calendar-set-day"),
    path("calendar/days/remove/", views_calendar.remove_day, name="calendar-remove-day"),
]
