FROM python:3.12-slim AS base
WORKDIR /app
ENV PIP_NO_CACHE_DIR=yes
COPY requirements.txt .
RUN python -m pip install -r requirements.txt

FROM base AS final
COPY . .
EXPOSE 5000
ENTRYPOINT ["gunicorn"]
CMD ["-b", ":5000", "app:app"]
