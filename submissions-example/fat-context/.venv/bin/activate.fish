# activate.fish: virtual environment /home/sarah/tp-docker/quotegen/.venv
