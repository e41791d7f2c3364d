# syntax=docker/dockerfile:1
FROM python:3.12 AS builder
WORKDIR /build
COPY requirements.txt .
RUN pip wheel --wheel-dir /wheels -r requirements.txt

FROM python:3.12-slim AS runtime
WORKDIR /app
COPY --from=builder /wheels /wheels
COPY requirements.txt .
RUN pip install --no-cache-dir --no-index --find-links=/wheels -r requirements.txt
COPY app.py .
COPY data ./data
EXPOSE 5000/tcp
CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]
