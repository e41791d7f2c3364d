# syntax=docker/dockerfile:1
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
ENV PIP_NO_CACHE_DIR=1
RUN pip install -r requirements.txt
COPY app.py .
COPY data ./data
EXPOSE 5000
CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]
