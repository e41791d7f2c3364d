# activate.csh: virtual environment /home/sarah/tp-docker/quotegen/.venv
