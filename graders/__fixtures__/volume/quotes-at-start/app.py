import random
from pathlib import Path

from flask import Flask, jsonify

# The fixture's mistake: the quotes are read once, when the module loads, so a change of the file on the
# host (through a bind mount) never shows until the container restarts.
QUOTES = Path(__file__).resolve().parent / "data" / "quotes.txt"
LINES = [line.strip() for line in QUOTES.read_text(encoding="utf-8").splitlines() if line.strip()]
app = Flask(__name__)


@app.get("/quote")
def quote():
    return jsonify(quote=random.choice(LINES))
