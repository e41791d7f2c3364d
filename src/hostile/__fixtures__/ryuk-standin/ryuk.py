"""Test-only stand-in for testcontainers/ryuk (github.com/testcontainers/moby-ryuk), standard library only.

Protocol, as moby-ryuk: a TCP server on RYUK_PORT (8080); each line a client sends is a Docker filter in
query form (`label=key=value`), answered `ACK`. Once every connection is closed and none came back within
RYUK_RECONNECTION_TIMEOUT (or none came at all within RYUK_CONNECTION_TIMEOUT), it removes the containers
(forced, with their volumes), networks, volumes and images matching any filter, through the Docker API on
/var/run/docker.sock, retrying what is still in use, then exits. Containers labelled
org.testcontainers.ryuk=true (reapers) are skipped. Simplified: no "created after the prune began" check.
"""
import http.client
import json
import os
import socket
import threading
import time
import urllib.parse

DOCKER_SOCKET = "/var/run/docker.sock"


def seconds(name, default):
    value = os.environ.get(name, default).strip()
    if value.endswith("ms"):
        return float(value[:-2]) / 1000
    return float(value.rstrip("s"))


PORT = int(os.environ.get("RYUK_PORT", "8080"))
RECONNECTION_TIMEOUT = seconds("RYUK_RECONNECTION_TIMEOUT", "10s")
CONNECTION_TIMEOUT = seconds("RYUK_CONNECTION_TIMEOUT", "60s")

filters = {}
state = threading.Condition()
clients = 0
last_change = time.monotonic()
ever_connected = False


class DockerConnection(http.client.HTTPConnection):
    def __init__(self):
        super().__init__("localhost", timeout=30)

    def connect(self):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(30)
        sock.connect(DOCKER_SOCKET)
        self.sock = sock


def docker(method, path, query=None):
    if query:
        path = path + "?" + urllib.parse.urlencode(query)
    connection = DockerConnection()
    try:
        connection.request(method, path)
        response = connection.getresponse()
        body = response.read()
        data = json.loads(body) if body and body[:1] in (b"[", b"{") else body
        return response.status, data
    finally:
        connection.close()


def handle(conn):
    global clients, last_change, ever_connected
    with state:
        clients += 1
        ever_connected = True
        state.notify_all()
    buffer = b""
    try:
        while True:
            chunk = conn.recv(4096)
            if not chunk:
                break
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                text = line.decode("utf-8", "replace").strip()
                if not text:
                    continue
                query = urllib.parse.parse_qs(text, keep_blank_values=True)
                args = {key: sorted(values) for key, values in query.items()}
                with state:
                    filters[json.dumps(args, sort_keys=True)] = args
                print("adding filter", args, flush=True)
                conn.sendall(b"ACK\n")
    except OSError:
        pass
    finally:
        conn.close()
        with state:
            clients -= 1
            last_change = time.monotonic()
            state.notify_all()


def serve(listener):
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


def matching(args):
    encoded = json.dumps(args)
    found = []
    status, containers = docker("GET", "/containers/json", {"all": "1", "filters": encoded})
    for container in containers if status == 200 else []:
        if (container.get("Labels") or {}).get("org.testcontainers.ryuk") == "true":
            continue
        found.append(("container", container["Id"]))
    status, networks = docker("GET", "/networks", {"filters": encoded})
    found += [("network", n["Id"]) for n in (networks if status == 200 else [])]
    status, volumes = docker("GET", "/volumes", {"filters": encoded})
    found += [("volume", v["Name"]) for v in ((volumes or {}).get("Volumes") or [] if status == 200 else [])]
    status, images = docker("GET", "/images/json", {"filters": encoded})
    found += [("image", i["Id"]) for i in (images if status == 200 else [])]
    return found


def remove(kind, ident):
    if kind == "container":
        return docker("DELETE", f"/containers/{ident}", {"force": "1", "v": "1"})[0]
    if kind == "network":
        return docker("DELETE", f"/networks/{ident}")[0]
    if kind == "volume":
        return docker("DELETE", f"/volumes/{ident}", {"force": "1"})[0]
    return docker("DELETE", f"/images/{ident}", {"force": "1"})[0]


def prune():
    order = {"container": 0, "network": 1, "volume": 2, "image": 3}
    for attempt in range(10):
        found = []
        for args in list(filters.values()):
            found += matching(args)
        if not found:
            break
        removed = 0
        for kind, ident in sorted(set(found), key=lambda item: order[item[0]]):
            status = remove(kind, ident)
            removed += status in (200, 204, 404)
        print(f"prune pass {attempt + 1}: {removed} of {len(found)} removed", flush=True)
        time.sleep(1)


def main():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("0.0.0.0", PORT))
    listener.listen(16)
    threading.Thread(target=serve, args=(listener,), daemon=True).start()
    print(f"Started {listener.getsockname()}", flush=True)
    started = time.monotonic()
    with state:
        while True:
            now = time.monotonic()
            if not ever_connected and now - started >= CONNECTION_TIMEOUT:
                break
            if ever_connected and clients == 0 and now - last_change >= RECONNECTION_TIMEOUT:
                break
            state.wait(0.2)
    listener.close()
    prune()
    print("done", flush=True)


main()
