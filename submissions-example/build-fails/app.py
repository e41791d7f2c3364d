import random
from pathlib import Path

from flask import Flask, jsonify

app = Flask(__name__)

DATA = Path(__file__).with_name("data") / "quotes.txt"


@app.route("/quote")
def quote():
    # on relit le fichier a chaque requete
    citations = [c.strip() for c in DATA.read_text(encoding="utf-8").split("\n") if c.strip()]
    return jsonify({"quote": random.choice(citations)})
