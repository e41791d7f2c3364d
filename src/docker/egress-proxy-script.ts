/**
 * The index-only egress proxy, run by `python -c` in a hardened container (build-sandbox.ts). It is the only
 * way out of the build's internal network: `CONNECT host:port` (HTTPS) and absolute-URI requests
 * (`GET http://host:port/path`, plain HTTP) are relayed only to the allowed hosts (`DOCKGRADE_ALLOW`: comma-
 * separated `name` — ports 80 and 443 — or `name:port`), and never to a loopback, link-local (cloud metadata),
 * unspecified or multicast address, whatever the name resolves to. Everything else gets `403` and a log line.
 * Standard library only, so any Python 3.8+ image runs it.
 */
export const EGRESS_PROXY_SCRIPT = String.raw`
import ipaddress, os, select, socket, socketserver, sys
from urllib.parse import urlsplit

ALLOW = set(h.strip().lower() for h in os.environ.get("DOCKGRADE_ALLOW", "").split(",") if h.strip())
PORT = int(os.environ.get("DOCKGRADE_PROXY_PORT", "3128"))

def log(msg):
    sys.stdout.write(msg + "\n"); sys.stdout.flush()

def allowed(host, port):
    host = host.lower().strip("[]")
    return (host + ":" + str(port)) in ALLOW or (host in ALLOW and port in (80, 443))

def connect(host, port):
    for family, kind, proto, _, addr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        ip = ipaddress.ip_address(addr[0])
        if ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast:
            raise PermissionError("%s resolves to a forbidden address %s" % (host, ip))
        s = socket.socket(family, kind, proto)
        s.settimeout(15)
        s.connect(addr)
        s.settimeout(None)
        return s
    raise OSError("no address for %s" % host)

def relay(a, b):
    sockets = [a, b]
    while True:
        ready, _, _ = select.select(sockets, [], [], 120)
        if not ready:
            return
        for s in ready:
            data = s.recv(65536)
            if not data:
                return
            (b if s is a else a).sendall(data)

class Handler(socketserver.BaseRequestHandler):
    def deny(self, why, status="403 Forbidden"):
        log("denied: " + why)
        body = ("dockgrade build sandbox: " + why + "\n").encode()
        self.request.sendall(("HTTP/1.1 %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % (status, len(body))).encode() + body)

    def handle(self):
        self.request.settimeout(30)
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.request.recv(65536)
            if not chunk or len(head) > 65536:
                return
            head += chunk
        head, _, rest = head.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        if len(parts) != 3:
            return self.deny("malformed request", "400 Bad Request")
        method, target, version = parts
        if method == "CONNECT":
            host, _, port = target.rpartition(":")
            port = int(port) if port.isdigit() else 443
        else:
            url = urlsplit(target)
            if url.scheme != "http" or not url.hostname:
                return self.deny("only absolute http:// URLs and CONNECT are proxied", "400 Bad Request")
            host, port = url.hostname, url.port or 80
        if not allowed(host, port):
            return self.deny("%s:%d is not an allowed package index host" % (host, port))
        try:
            upstream = connect(host, port)
        except PermissionError as e:
            return self.deny(str(e))
        except OSError as e:
            return self.deny("cannot reach %s:%d (%s)" % (host, port, e), "502 Bad Gateway")
        self.request.settimeout(None)
        log("%s %s:%d" % (method, host, port))
        with upstream:
            if method == "CONNECT":
                self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                if rest:
                    upstream.sendall(rest)
            else:
                path = url.path or "/"
                if url.query:
                    path += "?" + url.query
                headers = [h for h in lines[1:] if not h.lower().startswith(("proxy-", "connection:", "keep-alive:"))]
                request = "\r\n".join(["%s %s %s" % (method, path, version)] + headers + ["Connection: close", "", ""])
                upstream.sendall(request.encode("latin-1") + rest)
            relay(self.request, upstream)

class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

server = Server(("0.0.0.0", PORT), Handler)  # listening before it says so: the harness builds at this line
log("dockgrade egress proxy on port %d, allowing %s" % (PORT, ", ".join(sorted(ALLOW)) or "nothing"))
server.serve_forever()
`;
