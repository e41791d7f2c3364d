import random
from pathlib import Path

from flask import Flask, jsonify

QUOTES = Path(__file__).resolve().parent / "data" / "quotes.txt"
app = Flask(__name__)


@app.get("/api/quote")
def quote():
    lines = [line.strip() for line in QUOTES.read_text(encoding="utf-8").splitlines()]
    return jsonify(quote=random.choice([line for line in lines if line]))
