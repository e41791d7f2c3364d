from flask import Flask, jsonify
import random

app = Flask(__name__)

# fichier relu a chaque appel de /quote (etape 4)
CHEMIN_CITATIONS = "data/quotes.txt"


def lire_citations():
    with open(CHEMIN_CITATIONS, encoding="utf-8") as f:
        # on enleve les lignes vides
        return [ligne.strip() for ligne in f if ligne.strip() != ""]


@app.route("/quote")
def quote():
    citations = lire_citations()
    return jsonify({"quote": random.choice(citations)})
