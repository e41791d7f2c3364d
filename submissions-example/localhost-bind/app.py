import random

from flask import Flask, jsonify

app = Flask(__name__)
app.json.ensure_ascii = False  # garder les accents lisibles dans le JSON

QUOTES_FILE = "data/quotes.txt"


def read_quotes():
    with open(QUOTES_FILE, "r", encoding="utf-8") as file:
        lines = file.read().splitlines()
    return [line.strip() for line in lines if line.strip()]


@app.route("/quote")
def get_quote():
    return jsonify({"quote": random.choice(read_quotes())})


if __name__ == "__main__":
    app.run(debug=True)
