"""Root URLconf: mounts every app's pages and API."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its init script from a URL, so the page works under the strict CSP.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/", include("enforcement.core.api.urls")),
    path("api/v1/", include("training.api.urls")),
    path("api/v1/", include("discretion.api.urls")),
    path("api/v1/", include("inspections.api.urls")),
    path("api/v1/", include("cases.api.urls")),
    path("api/v1/", include("supervision.api.urls")),
    path("training/", include("training.urls")),
    path("discretion/", include("discretion.urls")),
    path("inspections/", include("inspections.urls")),
    path("cases/", include("cases.urls")),
    path("supervision/", include("supervision.urls")),
    path("public/plans/", include("inspections.public_urls")),
    path("public/draws/", include("inspections.public_draw_urls")),
    path("public/decisions/", include("cases.public_urls")),
    path("", include("enforcement.core.urls")),
]

# Uploaded files are never served from MEDIA_URL (not even in the demo): only scoped download views
# deliver them. Errors answer in Chinese pages, or JSON under /api/ (core.views.errors).
handler400 = "enforcement.core.views.errors.bad_request"
handler403 = "enforcement.core.views.errors.permission_denied"
handler404 = "enforcement.core.views.errors.page_not_found"
handler500 = "enforcement.core.views.errors.server_error"
