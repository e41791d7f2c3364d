import os
import random

from flask import Flask, jsonify

app = Flask(__name__)

BASE_DIR = os.path.dirname(os.path.abspath(__file__))
QUOTES_PATH = os.path.join(BASE_DIR, "data", "quotes.txt")


def get_quotes():
    # relu a chaque appel -> on voit les modifs du fichier sans redemarrer
    with open(QUOTES_PATH, encoding="utf-8") as fh:
        quotes = [q.strip() for q in fh.readlines()]
    return [q for q in quotes if q != ""]


@app.route("/quote", methods=["GET"])
def random_quote():
    return jsonify(quote=random.choice(get_quotes()))


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
