"""quotegen — code de départ fourni à tous les étudiants. Ne pas modifier cette partie."""
import random
from pathlib import Path

from flask import Flask, jsonify

QUOTES = Path(__file__).resolve().parent / "data" / "quotes.txt"

app = Flask(__name__)
app.json.ensure_ascii = False


def load_quotes():
    """Toutes les citations non vides du fichier, ou une liste vide s'il manque."""
    try:
        text = QUOTES.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


@app.get("/quote")
def quote():
    quotes = load_quotes()
    if not quotes:
        return jsonify(error="aucune citation"), 503
    return jsonify(quote=random.choice(quotes))
