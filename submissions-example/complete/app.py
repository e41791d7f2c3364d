"""quotegen : une petite API Flask qui renvoie une citation au hasard.

Les citations sont lues dans data/quotes.txt à chaque requête : modifier le
fichier suffit, sans redémarrer le serveur ni reconstruire l'image.
"""
import random
from pathlib import Path

from flask import Flask, jsonify

# Chemin relatif au fichier app.py, pas au répertoire courant : l'app trouve
# ses données qu'on la lance depuis le projet ou depuis /app dans l'image.
QUOTES_FILE = Path(__file__).resolve().parent / "data" / "quotes.txt"

app = Flask(__name__)
# Garder les accents lisibles dans la réponse JSON (sinon "é" devient "\u00e9").
app.json.ensure_ascii = False


def load_quotes():
    """Renvoie la liste des citations non vides du fichier (liste vide si absent)."""
    try:
        text = QUOTES_FILE.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


@app.get("/quote")
def quote():
    quotes = load_quotes()
    if not quotes:
        return (
            jsonify(error=f"aucune citation disponible : {QUOTES_FILE} est absent ou vide"),
            503,
        )
    return jsonify(quote=random.choice(quotes))


if __name__ == "__main__":
    # Serveur de développement uniquement ; dans le conteneur c'est Gunicorn qui sert l'app.
    app.run(host="127.0.0.1", port=5000, debug=True)
