import random
from pathlib import Path

from flask import Flask, jsonify

app = Flask(__name__)
QUOTES_FILE = Path(__file__).parent / "data" / "quotes.txt"


def all_quotes():
    """Toutes les citations non vides du fichier, relu à chaque appel."""
    content = QUOTES_FILE.read_text(encoding="utf-8")
    return [q.strip() for q in content.splitlines() if q.strip()]


@app.route("/quote")
def quote():
    return jsonify(quote=random.choice(all_quotes()))


if __name__ == "__main__":
    app.run(port=5000, debug=True)
