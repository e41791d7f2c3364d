"""A fork bomb that never starts the API: every process forks again until the PID limit refuses.

Run it only with a PID limit (docker run --pids-limit 64). As a safety net against a run without
one, each process stops forking after 10 generations (at most 2**10 = 1,024 processes, sleeping),
which is far more than any sane --pids-limit, so the limit is always what stops it.
"""

import os
import time

print("fork-bomb: forking until the PID limit stops it", flush=True)
generation = 0
while generation < 10:
    try:
        os.fork()  # parent and child both go on forking
    except OSError:  # EAGAIN: the PID limit is reached; keep pressing on it
        time.sleep(0.01)
        continue
    generation += 1
while True:
    time.sleep(3600)
