@app.errorhandler(404)
def not_found(error):
    return jsonify(error="route inconnue", path=str(error)), 404


@app.get("/version")
def version():
    import platform

    return {"python": platform.python_version(), "flask": "3"}
