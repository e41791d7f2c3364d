"""Builds a tiny pure-Python wheel (dgdemo 1.0) and a PEP 503 simple index serving it, under the given folder."""
import base64
import hashlib
import os
import sys
import zipfile

root = sys.argv[1]
files = {
    "dgdemo/__init__.py": 'MAGIC = "dgdemo-from-the-test-index"\n',
    "dgdemo-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: dgdemo\nVersion: 1.0\n",
    "dgdemo-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: dockgrade-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
}
record = []
for name, text in files.items():
    digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
    record.append("%s,sha256=%s,%d" % (name, digest, len(text.encode())))
record.append("dgdemo-1.0.dist-info/RECORD,,")
files["dgdemo-1.0.dist-info/RECORD"] = "\n".join(record) + "\n"
wheel = "dgdemo-1.0-py3-none-any.whl"
os.makedirs(os.path.join(root, "packages"))
os.makedirs(os.path.join(root, "simple", "dgdemo"))
with zipfile.ZipFile(os.path.join(root, "packages", wheel), "w") as archive:
    for name, text in files.items():
        archive.writestr(name, text)
with open(os.path.join(root, "packages", wheel), "rb") as built:
    sha = hashlib.sha256(built.read()).hexdigest()
with open(os.path.join(root, "simple", "index.html"), "w") as index:
    index.write('<!DOCTYPE html><html><body><a href="dgdemo/">dgdemo</a></body></html>\n')
with open(os.path.join(root, "simple", "dgdemo", "index.html"), "w") as page:
    page.write('<!DOCTYPE html><html><body><a href="/packages/%s#sha256=%s">%s</a></body></html>\n' % (wheel, sha, wheel))
