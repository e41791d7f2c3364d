"""Tries to read each URL from inside a build step, through the build's proxy (if any) and directly."""
import sys
import urllib.request

expect_blocked = "--expect-blocked" in sys.argv
reached = 0
for url in [a for a in sys.argv[1:] if not a.startswith("--")]:
    for how, opener in (("via proxy", urllib.request.build_opener()),
                        ("direct", urllib.request.build_opener(urllib.request.ProxyHandler({})))):
        try:
            body = opener.open(url, timeout=6).read(200).decode("utf-8", "replace")
            reached += 1
            print("REACHED", url, how, body)
        except Exception as error:
            print("blocked", url, how, "-", error)
sys.exit(1 if expect_blocked and reached else 0)
