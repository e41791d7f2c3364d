FROM python:3.12-slim
COPY requirements.txt .
WORKDIR /app
RUN pip install --no-cache-dir -r /requirements.txt
COPY app.py .
EXPOSE 5000
CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]
