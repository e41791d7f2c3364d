# Activate.ps1: virtual environment /home/sarah/tp-docker/quotegen/.venv
