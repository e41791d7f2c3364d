# syntax=docker/dockerfile:1
# mon Dockerfile
from python:3.12-slim

workdir /srv/quotegen
env PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

# dépendances d'abord, pour le cache
copy requirements.txt ./
run pip install --no-cache-dir -r requirements.txt \
    && useradd --create-home quoter
copy app.py ./
copy data/ ./data/
user quoter
expose 5000
healthcheck --interval=30s cmd python -c 'import urllib.request; urllib.request.urlopen("http://localhost:5000/quote")'
cmd ['gunicorn', '--workers', '2', '--bind', '0.0.0.0:5000', 'app:app']
