FROM python:3.12-slim AS deps
RUN python -m venv /venv
COPY requirements.txt /tmp/requirements.txt
RUN /venv/bin/pip install -r /tmp/requirements.txt

FROM python:3.12-slim
WORKDIR /app
COPY --from=deps /venv /venv
ENV PATH="/venv/bin:$PATH"
COPY . .
EXPOSE 5000
CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]
