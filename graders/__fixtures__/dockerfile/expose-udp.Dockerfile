# syntax=docker/dockerfile:1
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY app.py .
COPY data ./data
EXPOSE 5000/udp
CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]
