"""Petite API qui tire une citation au hasard."""
import random
from pathlib import Path

from flask import Flask, abort, jsonify

DATA_FILE = Path(__file__).parent / "data" / "quotes.txt"

app = Flask(__name__)


def read_quotes(path):
    # une citation par ligne, lignes vides ignorées
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip()]


@app.route("/quote")
def random_quote():
    quotes = read_quotes(DATA_FILE)
    if not quotes:
        abort(503, description="no quote available")
    return jsonify(quote=random.choice(quotes), total=len(quotes))


@app.route("/health")
def health():
    return {"status": "ok"}


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
