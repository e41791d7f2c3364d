WORKDIR /app
FROM python:3.12-slim
