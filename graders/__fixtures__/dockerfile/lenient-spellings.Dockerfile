ARG PYTHON_VERSION=3.12
FROM docker.io/library/python:${PYTHON_VERSION}-slim
WORKDIR /srv
WORKDIR ../app/
COPY ["requirements.txt", "./"]
RUN --mount=type=cache,target=/root/.cache/pip \
    pip3 install --upgrade pip \
 && pip3 install -r ./requirements.txt
COPY *.py ./
COPY data/ data/
ENV PORT=5000
EXPOSE ${PORT}
CMD ["sh", "-c", "exec gunicorn --bind=0.0.0.0:${PORT} app:app"]
