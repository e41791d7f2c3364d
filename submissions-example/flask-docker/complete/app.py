"""A tiny to-do API: list the tasks, add one, and a health route for Docker."""

from flask import Flask, jsonify, request

app = Flask(__name__)
tasks = [{"id": 1, "title": "Write the Dockerfile", "done": True}]


@app.get("/health")
def health():
    return jsonify(status="ok")


@app.get("/tasks")
def list_tasks():
    return jsonify(tasks)


@app.post("/tasks")
def add_task():
    title = (request.get_json(silent=True) or {}).get("title", "").strip()
    if not title:
        return jsonify(error="a task needs a title"), 400
    task = {"id": len(tasks) + 1, "title": title, "done": False}
    tasks.append(task)
    return jsonify(task), 201
