# Production image for web, worker and beat (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 VAR_DIR=/app/var
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext libpq5 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY marketplace ./marketplace
COPY storefront_theme ./storefront_theme
COPY catalog_import ./catalog_import
COPY manage.py ./
RUN pip install . \
    && SECRET_KEY=build-only python manage.py compilemessages --ignore=/usr/local \
    && SECRET_KEY=build-only python manage.py collectstatic --noinput

RUN useradd --system --home /app pasar && mkdir -p /app/var/media && chown -R pasar /app/var
USER pasar
EXPOSE 8000
CMD ["gunicorn", "marketplace.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
