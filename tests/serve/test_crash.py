"""A crash under load (ctest label `serve`): clients post verdicts while the
server is killed with SIGKILL; after a restart on the same log, `remit log
verify` passes and every answer a client received is in the log, under the
entry number its Remit-Log-Entry header gave. Usage: test_crash.py REMIT SOURCE_DIR WORKDIR"""
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

from serve_support import Server

remit, source, work = sys.argv[1], sys.argv[2], sys.argv[3]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
log = os.path.join(work, "decisions.db")
server = Server(remit, ["--scheme", os.path.join(source, "rules/mopac"), "--log", log])
received = {}  # entry number -> the request's id
lock = threading.Lock()
stop = threading.Event()


def client(k):
    import http.client
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    i = 0
    while not stop.is_set():
        i += 1
        decision = {"id": f"c{k}-{i}", "kind": "grant.acceptance", "date": "2020-06-01", "approver": "DMPC",
                    "facts": {"amount": "£5,600,000"}}
        try:
            conn.request("POST", "/v1/schemes/mopac/eval", body=json.dumps(decision).encode(),
                         headers={"Host": f"127.0.0.1:{server.port}", "Content-Type": "application/json"})
            r = conn.getresponse()
            r.read()
            if r.status == 200:
                with lock:
                    received[int(r.getheader("Remit-Log-Entry"))] = decision["id"]
        except (OSError, http.client.HTTPException):
            return


threads = [threading.Thread(target=client, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
time.sleep(1.5)
server.proc.send_signal(signal.SIGKILL)
server.proc.wait()
stop.set()
for t in threads:
    t.join()

failures = []
if len(received) < 50:
    failures.append(f"too few answers before the kill: {len(received)}")
verify = subprocess.run([remit, "log", "verify", log], capture_output=True, text=True)
if verify.returncode != 0:
    failures.append(f"log verify after kill -9: {verify.stdout} {verify.stderr}")
again = Server(remit, ["--scheme", os.path.join(source, "rules/mopac"), "--log", log])
st, h, body = again.request("POST", "/v1/schemes/mopac/eval", {"id": "after", "kind": "grant.acceptance", "date": "2020-06-01",
                                                               "approver": "DMPC", "facts": {"amount": "£1"}})
code, out = again.stop()
if st != 200 or code != 0:
    failures.append(f"restart on the same log: {st} {code} {out}")
export = subprocess.run([remit, "log", "export", log, "--format", "jsonl"], capture_output=True, text=True)
entries = {e["n"]: json.loads(e["request"]).get("id") for e in map(json.loads, export.stdout.splitlines())}
lost = [n for n, ident in received.items() if entries.get(n) != ident]
if lost:
    failures.append(f"{len(lost)} acknowledged answers missing from the log, e.g. entry {lost[0]}")
verify = subprocess.run([remit, "log", "verify", log], capture_output=True, text=True)
if verify.returncode != 0:
    failures.append(f"log verify after restart: {verify.stderr}")
for f in failures:
    print("FAIL:", f)
print(f"{len(received)} answers acknowledged before kill -9; {len(entries)} entries after restart")
sys.exit(1 if failures else 0)
