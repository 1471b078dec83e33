FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml ./
COPY . .
RUN pip install --no-cache-dir .
RUN useradd --create-home portaal && mkdir -p /data && chown portaal /data
USER portaal
ENV DJANGO_SETTINGS_MODULE=hvhk.settings PYTHONUNBUFFERED=1
EXPOSE 8000
CMD ["gunicorn", "hvhk.wsgi:application", "--config", "hvhk/gunicorn.conf.py"]
