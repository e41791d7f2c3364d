@app.get("/quotes/count")
def count_quotes():
    """Nombre de citations disponibles, pour le tableau de bord."""
    total = len(load_quotes())
    return jsonify(count=total, source=str(QUOTES.name))


@app.get("/quotes/search")
def search_quotes():
    from flask import request

    needle = request.args.get("q", "").casefold()
    matches = [q for q in load_quotes() if needle in q.casefold()]
    return jsonify(results=matches[:20], query=needle)
