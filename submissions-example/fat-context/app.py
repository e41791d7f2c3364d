"""API quotegen : GET /quote renvoie une citation tirée au hasard dans data/quotes.txt."""

import random
from pathlib import Path

from flask import Flask, jsonify

app = Flask(__name__)

FICHIER = Path(__file__).parent / "data" / "quotes.txt"


def charger_citations() -> list[str]:
    """Lit le fichier à chaque appel, pour prendre en compte les modifications sans redémarrer."""
    lignes = FICHIER.read_text(encoding="utf-8").splitlines()
    return [ligne.strip() for ligne in lignes if ligne.strip()]


@app.get("/quote")
def quote():
    citations = charger_citations()
    if not citations:
        return jsonify(error="le fichier de citations est vide"), 500
    return jsonify(quote=random.choice(citations))
