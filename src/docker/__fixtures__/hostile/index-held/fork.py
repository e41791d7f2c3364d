"""A bounded fork bomb: forks up to N sleeping children as fast as it can, then says how many it got."""
import os
import sys
import time

wanted = int(sys.argv[1])
forked = 0
for _ in range(wanted):
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        time.sleep(5)
        os._exit(0)
    forked += 1
print("forked %d of %d" % (forked, wanted), flush=True)
