FROM python:3.12-slim
WORKDIR /srv/quotegen
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt && useradd --create-home quoter
COPY app.py ./
COPY data/ ./data/
USER quoter
EXPOSE 5000
HEALTHCHECK --interval=30s CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost:5000/quote')"
CMD ["gunicorn", "--workers", "2", "--bind", "0.0.0.0:5000", "app:app"]
