from flask import Flask, jsonify
app = Flask(__name__)

@app.get("/quote")
def quote():
    return jsonify(quote="Hello")
