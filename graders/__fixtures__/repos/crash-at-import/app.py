import random
from pathlib import Path

from flask import Flask, jsonify

QUOTES = Path(__file__).resolve().parent / "data" / "quotes.txt"
app = Flask(__name__)

# The fixture's failure: the module raises while Gunicorn imports it, so no worker ever boots.
raise RuntimeError("QUOTEGEN-CRASH-AT-IMPORT: settings.toml is missing, refusing to start")


@app.get("/quote")
def quote():
    lines = [line.strip() for line in QUOTES.read_text(encoding="utf-8").splitlines()]
    return jsonify(quote=random.choice([line for line in lines if line]))
