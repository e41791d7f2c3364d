import random
from pathlib import Path

from flask import Flask, jsonify

app = Flask(__name__)
QUOTES = Path(__file__).parent / "data" / "quotes.txt"


@app.get("/quote")
def quote():
    lines = [line.strip() for line in QUOTES.read_text(encoding="utf-8").splitlines()]
    return jsonify(quote=random.choice([line for line in lines if line]))
