import random
from pathlib import Path

from flask import Flask, jsonify

app = Flask(__name__)
app.json.ensure_ascii = False

QUOTES_PATH = Path(__file__).resolve().parent / "data" / "quotes.txt"


def load_quotes():
    """Relit data/quotes.txt à chaque appel (les lignes vides sont ignorées)."""
    with QUOTES_PATH.open(encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip()]


@app.get("/quote")
def quote():
    return jsonify(quote=random.choice(load_quotes()))
