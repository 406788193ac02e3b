"""API tests of `remit serve` (ctest label `serve`): every route and every
error, each answer checked against /v1/openapi.json (JSON Schema 2020-12),
the decision log verified and exported. Usage: test_api.py REMIT SOURCE_DIR WORKDIR"""
import json
import os
import shutil
import subprocess
import sys

import jsonschema

from serve_support import Checks, Server, fresh_dir

remit, source, work = sys.argv[1], sys.argv[2], sys.argv[3]
fresh_dir(work)
log = os.path.join(work, "decisions.db")
check = Checks()


server = Server(remit, ["--scheme", os.path.join(source, "rules"), "--log", log], env={"REMIT_TODAY": "2026-01-31"})
st, h, body = server.request("GET", "/v1/openapi.json")
check(st == 200, "openapi served")
doc = json.loads(body)
check(doc["openapi"] == "3.1.0", "OpenAPI 3.1")


def valid(name, data):
    schema = {"$ref": f"#/components/schemas/{name}", "components": doc["components"]}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    check(not errors, f"{name} matches the OpenAPI schema: {errors[:1]}")


def problem(st, h, body, status, slug):
    check(st == status, f"status {status} for {slug}, got {st}: {body[:200]!r}")
    check(h.get("content-type") == "application/problem+json", f"problem+json for {slug}")
    p = json.loads(body)
    valid("Problem", p)
    check(p["status"] == status and p["type"] == f"/v1/problems/{slug}", f"problem {slug}: {p}")
    return p


pcd785 = {"id": "PCD 785", "kind": "grant.acceptance", "date": "2020-06-01", "approver": "DMPC",
          "facts": {"amount": "£5,600,000"}}

# GET /v1/schemes, versions
st, h, body = server.request("GET", "/v1/schemes")
check(st == 200, "schemes")
schemes = json.loads(body)
valid("Schemes", schemes)
check([s["name"] for s in schemes["schemes"]] == ["mopac", "rnoh", "sgul"], f"schemes named by folder: {schemes}")
for header in ("content-security-policy", "x-content-type-options", "referrer-policy"):
    check(header in h, f"header {header}")
st, h, body = server.request("GET", "/v1/schemes/mopac/versions")
versions = json.loads(body)
valid("Versions", versions)
check([v["label"] for v in versions["versions"]] == ["2013", "2015", "2016", "2020"], "mopac versions")

# POST eval: the same bytes as `remit eval --format json`
st, h, body = server.request("POST", "/v1/schemes/mopac/eval", pcd785)
check(st == 200, "eval 200")
verdict = json.loads(body)
valid("Verdict", verdict)
check(verdict["outcome"] == "authorised" and verdict["provisions"][0]["para"] == "4.8", "PCD 785 authorised by 4.8")
check(h.get("remit-log-entry") == "1", "first log entry")
cli = subprocess.run([remit, "eval", "--scheme", os.path.join(source, "rules/mopac"), "--format", "json", "-"],
                     input=json.dumps(pcd785).encode(), capture_output=True, cwd=source)
check(json.loads(cli.stdout) == verdict, "eval answers as `remit eval --format json`")
commissioner = dict(pcd785, approver="Commissioner")
st, h, body = server.request("POST", "/v1/schemes/mopac/eval", commissioner)
v = json.loads(body)
check(v["outcome"] == "not_authorised" and v["lowest"] == [["DMPC"]], "Commissioner not authorised, DMPC lowest")

# POST who: without an approver, the who answer; with one, a verdict
who = {k: pcd785[k] for k in ("kind", "date", "facts")}
st, h, body = server.request("POST", "/v1/schemes/mopac/who", who)
w = json.loads(body)
valid("Who", w)
check(w["lowest"] == [["DMPC"]], "who: DMPC lowest")
st, h, body = server.request("POST", "/v1/schemes/mopac/who", pcd785)
valid("Verdict", json.loads(body))

# errors
problem(*server.request("POST", "/v1/schemes/mopac/eval", who), 422, "no-approver")
p = problem(*server.request("POST", "/v1/schemes/mopac/eval", "{not json"), 400, "bad-decision")
check(p["findings"]["diagnostics"][0]["code"] == "json", f"diagnostics carried: {p}")
p = problem(*server.request("POST", "/v1/schemes/mopac/eval", dict(pcd785, kind="grant.acceptence")), 400, "bad-decision")
check("grant.acceptance" in json.dumps(p), "near name suggested")
problem(*server.request("POST", "/v1/schemes/nope/eval", pcd785), 404, "unknown-scheme")
problem(*server.request("GET", "/v1/schemes/mopac/eval"), 405, "method")
problem(*server.request("POST", "/v1/schemes"), 405, "method")
problem(*server.request("GET", "/v1/nothing"), 404, "not-found")
problem(*server.request("GET", "/v1/schemes/%2e%2e/versions"), 404, "not-found")
problem(*server.request("GET", "/v1/schemes/mopac/paragraphs/..%2F..%2Fetc%2Fpasswd"), 404, "not-found")
problem(*server.request("DELETE", "/v1/schemes"), 405, "method")
problem(*server.request("GET", "/v1/schemes", headers={"Host": "evil.example:80"}), 421, "host")
problem(*server.request("POST", "/v1/schemes/mopac/eval", pcd785, headers={"Origin": "http://evil.example"}), 403, "origin")
problem(*server.request("GET", "/v1/schemes/mopac/matrix?version=1999"), 404, "unknown-version")
problem(*server.request("GET", "/v1/schemes/mopac/matrix?format=pdf"), 400, "bad-format")
problem(*server.request("GET", "/v1/schemes/mopac/paragraphs/9.99"), 404, "unknown-paragraph")
problem(*server.request("POST", "/v1/schemes/mopac/audit?format=xml", "x"), 400, "bad-format")
problem(*server.request("POST", "/v1/schemes/mopac/audit", "", {"Content-Type": "text/csv"}), 400, "bad-register")

# matrix, paragraphs
st, h, body = server.request("GET", "/v1/schemes/mopac/matrix?version=2020")
check(st == 200 and h["content-type"].startswith("text/markdown") and b"DMPC" in body, "matrix as markdown")
st, h, body = server.request("GET", "/v1/schemes/mopac/matrix?version=2020&format=csv")
check(st == 200 and h["content-type"].startswith("text/csv"), "matrix as CSV")
st, h, body = server.request("GET", "/v1/schemes/mopac/paragraphs/4.8")
check(st == 200 and "2015" in body.decode() and "2020" in body.decode(), "paragraph 4.8 across versions")

# audit: a register in, rows out
register = "id,date,kind,approver,amount\nPCD 785,2020-06-01,grant.acceptance,DMPC,£5600000\nX,2020-06-01,grant.acceptance,Commissioner,£5600000\n"
st, h, body = server.request("POST", "/v1/schemes/mopac/audit", register, {"Content-Type": "text/csv"})
rows = body.decode().splitlines()
check(st == 200 and len(rows) == 3 and "authorised" in rows[1] and "not_authorised" in rows[2], f"audit rows: {rows}")
jsonl = json.dumps(pcd785) + "\n"
st, h, body = server.request("POST", "/v1/schemes/mopac/audit?format=jsonl", jsonl, {"Content-Type": "application/jsonl"})
check(st == 200 and json.loads(body.decode().splitlines()[0])["outcome"] == "authorised", f"audit JSON Lines: {body[:200]!r}")

# limits
host = f"Host: 127.0.0.1:{server.port}\r\n".encode()
st = server.raw(b"POST /v1/schemes/mopac/eval HTTP/1.1\r\n" + host + b"Content-Length: 2097152\r\n\r\n")
check(st == 413, f"body limit: {st}")
st = server.raw(b"GET /v1/schemes?" + b"a" * 3000 + b" HTTP/1.1\r\n" + host + b"\r\n")
check(st == 414, f"URL limit: {st}")
st = server.raw(b"GET /v1/schemes HTTP/1.1\r\n" + host + b"X-Big: " + b"a" * 10000 + b"\r\n\r\n")
check(st == 431, f"header limit: {st}")
st = server.raw(b"GARBAGE\r\n\r\n")
check(st == 400, f"not HTTP: {st}")

code, out = server.stop()
check(code == 0, f"SIGTERM: exit 0, got {code}: {out}")
check("decision log" in out and "last #" in out, f"the log's last entry at shutdown: {out}")

verify = subprocess.run([remit, "log", "verify", log], capture_output=True, text=True)
check(verify.returncode == 0, f"log verify: {verify.stdout} {verify.stderr}")
last = out.split("last #")[1].split()
check(f"last #{last[0]} {last[1]}" in verify.stdout, f"verify prints the tail the server printed: {verify.stdout} / {out}")
export = subprocess.run([remit, "log", "export", log, "--format", "jsonl"], capture_output=True, text=True)
entries = [json.loads(line) for line in export.stdout.splitlines()]
check(entries[0]["route"] == "eval" and entries[0]["outcome"] == "authorised" and entries[0]["client"] == "127.0.0.1", "exported entry")
check(all(len(e["content_hash"]) == 64 for e in entries if e["route"] != "audit"), "content hashes")
check(entries[0]["prev"] == "0" * 64 and entries[1]["prev"] == entries[0]["hash"], "chained")
csv_export = subprocess.run([remit, "log", "export", log, "--format", "csv"], capture_output=True, text=True)
check(csv_export.stdout.startswith("n,time,route,") and csv_export.returncode == 0, "CSV export")

# tampering: a changed entry and a deleted one are named
import sqlite3
tampered = os.path.join(work, "tampered.db")


def verify_tampered(sql, message):
    shutil.copy(log, tampered)
    db = sqlite3.connect(tampered)
    db.execute(sql)
    db.commit()
    db.close()
    r = subprocess.run([remit, "log", "verify", tampered], capture_output=True, text=True)
    check(r.returncode == 1 and message in r.stderr, f"{sql}: {r.stderr}")


verify_tampered("UPDATE entries SET outcome = 'authorised' WHERE n = 2", "entry 2 does not verify: its fields do not hash")
verify_tampered("DELETE FROM entries WHERE n = 3", "entry 3 does not verify: entries 3 to 3 are missing")
r = subprocess.run([remit, "serve", "--scheme", os.path.join(source, "rules"), "--listen", "127.0.0.1:0", "--log", tampered],
                   capture_output=True, text=True, timeout=30)
check(r.returncode == 2 and "does not verify at entry 3" in r.stderr, f"a broken log is not appended to: {r.stderr}")
r = subprocess.run([remit, "serve", "--scheme", os.path.join(source, "rules"), "--listen", "0.0.0.0:0"], capture_output=True, text=True, timeout=30)
check(r.returncode == 2 and "--token-file" in r.stderr, f"non-loopback needs a token: {r.stderr}")

# reload on SIGHUP: a scheme with errors keeps the one served, and says so
import signal
import time
folder = os.path.join(work, "mopac")
shutil.copytree(os.path.join(source, "rules/mopac"), folder)
token_file = os.path.join(work, "token")
with open(token_file, "w") as f:
    f.write("0123456789abcdef0123\n")
server = Server(remit, ["--scheme", folder, "--token-file", token_file])
problem(*server.request("GET", "/v1/schemes"), 401, "token")
auth = {"Authorization": "Bearer 0123456789abcdef0123"}


def served():
    st, h, body = server.request("GET", "/v1/schemes", headers=auth)
    return json.loads(body)["schemes"][0]


def hup(expect):
    server.proc.send_signal(signal.SIGHUP)
    deadline = time.time() + 20
    while expect not in server.output() and time.time() < deadline:
        time.sleep(0.05)


before = served()
check(before["reload_rejected"] is False, "served as loaded")
with open(os.path.join(folder, "2020.remit"), "a") as f:
    f.write("\npara 99.1: Nobody may approve grant.bid\n")
hup("still served")
after = served()
check(after["reload_rejected"] is True and after["files_sha256"] == before["files_sha256"], f"broken reload kept the old: {after}")
check("2020.remit:" in server.output(), f"the reload's diagnostics logged: {server.output()}")
st, h, body = server.request("POST", "/v1/schemes/mopac/eval", pcd785, headers=auth)
check(st == 200 and json.loads(body)["outcome"] == "authorised", "still answers with the old scheme")
shutil.copy(os.path.join(source, "rules/mopac/2020.remit"), os.path.join(folder, "2020.remit"))
with open(os.path.join(folder, "2020.remit"), "a") as f:
    f.write("\n# a comment changes the files\n")
hup("reloaded the schemes")
fixed = served()
check(fixed["reload_rejected"] is False and fixed["files_sha256"] != before["files_sha256"], f"good reload served: {fixed}")
with open(os.path.join(folder, "2020.remit"), "a") as f:
    f.write("# another comment, and no SIGHUP\n")
deadline = time.time() + 20
while "the rule files changed: reloaded" not in server.output() and time.time() < deadline:
    time.sleep(0.1)
check(served()["files_sha256"] != fixed["files_sha256"], f"reloaded when the files changed: {server.output()}")
server.stop()

# a slow client is dropped; SIGTERM answers the request in hand before stopping
import socket
server = Server(remit, ["--scheme", os.path.join(source, "rules/mopac"), "--timeout", "1"])
slow = socket.create_connection(("127.0.0.1", server.port), timeout=10)
slow.sendall(b"GET /v1/schemes HTTP/1.1\r\nHost: 127.0.0.1")
started = time.time()
check(slow.recv(100) == b"" and time.time() - started < 5, "a client that stops mid-request is dropped after --timeout")
slow.close()
half = socket.create_connection(("127.0.0.1", server.port), timeout=10)
body = json.dumps(pcd785).encode()
half.sendall(f"POST /v1/schemes/mopac/eval HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nContent-Length: {len(body)}\r\n\r\n".encode())
time.sleep(0.2)
server.proc.send_signal(signal.SIGTERM)
time.sleep(0.3)
half.sendall(body)
answer = b""
while b"\r\n\r\n" not in answer:
    chunk = half.recv(65536)
    if not chunk:
        break
    answer += chunk
check(answer.startswith(b"HTTP/1.1 200") and b"Connection: close" in answer, f"the request in hand is answered at SIGTERM: {answer[:80]!r}")
half.close()
check(server.proc.wait(timeout=10) == 0, "stopped")
r = subprocess.run([remit, "serve", "--scheme", "rules", "--timeout", "0"], capture_output=True, text=True, cwd=source)
check(r.returncode == 2 and "--timeout 0" in r.stderr, f"bad timeout: {r.stderr}")

check.finish("all API checks passed")
