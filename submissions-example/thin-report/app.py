import random
from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/quote")
def quote():
    with open("data/quotes.txt", encoding="utf-8") as f:
        quotes = [l.strip() for l in f if l.strip()]
    return jsonify(quote=random.choice(quotes))
