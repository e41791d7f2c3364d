FROM python:3.12-alpine AS build
RUN apk add --no-cache build-base
COPY requirements.txt /tmp/
RUN python -m venv /venv && /venv/bin/pip install -r /tmp/requirements.txt

FROM python:3.12-alpine
COPY --from=build /venv /venv
ENV PATH="/venv/bin:$PATH"
WORKDIR /code
COPY . .
ARG PORT=5000
ENV FLASK_RUN_PORT=$PORT
ENTRYPOINT ["flask", "--app", "app", "run"]
CMD ["--host=0.0.0.0"]
