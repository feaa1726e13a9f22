# One image for web (gunicorn + whitenoise), worker and beat. Build: docker compose build
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=enforcement.settings \
    VAR_DIR=/data/var \
    MEDIA_ROOT=/data/media \
    STATIC_ROOT=/app/staticfiles \
    WEB_CONCURRENCY=3

# WeasyPrint needs pango; CJK fonts so Chinese renders; harfbuzz-subset keeps PDF font subsetting fast.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Dependencies first so code edits do not reinstall them.
COPY pyproject.toml ./
RUN pip install .
COPY . .

# Static files are collected into the image and served by whitenoise (the dummy key exists only here).
RUN DJANGO_DEBUG=false DJANGO_SECRET_KEY=build-time-dummy-key-not-used-at-runtime-0123456789abcdef \
    python manage.py collectstatic --noinput \
    && useradd --system --uid 1000 --home-dir /data --shell /usr/sbin/nologin app \
    && mkdir -p /data/var /data/media \
    && chown -R app:app /data

USER app
EXPOSE 8000
# gunicorn takes its worker count from WEB_CONCURRENCY.
CMD ["gunicorn", "enforcement.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-", "--timeout", "120"]
