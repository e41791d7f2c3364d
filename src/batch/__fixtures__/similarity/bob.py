import json
import os
import secrets

from flask import Flask, Response

class QuoteStore:
    def __init__(self, folder):
        self.folder = folder

    def all(self):
        quotes = []
        for name in sorted(os.listdir(self.folder)):
            if name.endswith(".json"):
                with open(os.path.join(self.folder, name)) as stream:
                    quotes.extend(json.load(stream))
        return quotes

store = QuoteStore(os.environ.get("QUOTES_DIR", "data"))
api = Flask("quotegen")

@api.get("/quote")
def pick():
    choices = store.all()
    if len(choices) == 0:
        return Response(json.dumps({"error": "empty"}), status=503, mimetype="application/json")
    return {"quote": secrets.choice(choices)}
