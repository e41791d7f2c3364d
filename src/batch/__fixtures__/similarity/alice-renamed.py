"""Petite API qui tire une citation au hasard."""
import random
from pathlib import Path
from flask import Flask, abort, jsonify

QUOTES_PATH = Path(__file__).parent / 'data' / 'quotes.txt'
server = Flask(__name__)

def load_all(source):
    if not source.exists():
        return []
    with source.open(encoding='utf-8') as f:
        return [l.strip() for l in f if l.strip()]

@server.route('/quote')
def get_quote():
    # tire une citation
    items = load_all(QUOTES_PATH)
    if not items:
        abort(503, description='no quote available')
    return jsonify(quote=random.choice(items), total=len(items))

@server.route('/health')
def check():
    return {'status': 'ok'}

if __name__ == '__main__':
    server.run(host='0.0.0.0', port=5000)
