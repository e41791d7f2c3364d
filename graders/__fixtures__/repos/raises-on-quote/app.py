import random
from pathlib import Path

from flask import Flask, jsonify

QUOTES = Path(__file__).resolve().parent / "data" / "quotes.txt"
app = Flask(__name__)


@app.get("/quote")
def quote():
    lines = [line.strip() for line in QUOTES.read_text(encoding="utf-8").splitlines()]
    # Wrong on purpose: the list of lines is indexed with a word.
    return jsonify(quote=lines["QUOTEGEN-RAISES-ON-QUOTE"])
