"""Starting `remit serve` on a free port for the script tests of tests/serve."""
import http.client
import json
import os
import signal
import socket
import subprocess
import tempfile
import shutil
import sys
import time


def fresh_dir(path):
    """An empty working folder for one test run."""
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


class Checks:
    """Every failed check is printed and kept; `finish` exits 1 if any failed."""

    def __init__(self):
        self.failures = []

    def __call__(self, cond, what):
        if not cond:
            self.failures.append(what)
            print("FAIL:", what)

    def finish(self, passed_message):
        if self.failures:
            print(f"{len(self.failures)} failed")
            sys.exit(1)
        print(passed_message)


class Server:
    """`remit serve --listen 127.0.0.1:0`, the port read from the line it prints."""

    def __init__(self, remit, args, env=None, tls=None):
        """`tls`: an ssl.SSLContext, for a server given --tls-cert and --tls-key."""
        self.stderr = tempfile.TemporaryFile(mode="w+")
        full_env = dict(os.environ, **(env or {}))
        self.proc = subprocess.Popen([remit, "serve", "--listen", "127.0.0.1:0", *args],
                                     stdout=subprocess.DEVNULL, stderr=self.stderr, env=full_env)
        deadline = time.time() + 30
        self.port = None
        while time.time() < deadline and self.port is None:
            if self.proc.poll() is not None:
                raise RuntimeError("remit serve exited: " + self.output())
            for line in self.output().splitlines():
                if f"listening on {'https' if tls else 'http'}://127.0.0.1:" in line:
                    self.port = int(line.rsplit(":", 1)[1].strip("/"))
            time.sleep(0.05)
        if self.port is None:
            raise RuntimeError("remit serve printed no port: " + self.output())
        if tls:
            self.conn = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=30, context=tls)
        else:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def output(self):
        self.stderr.seek(0)
        return self.stderr.read()

    def request(self, method, path, body=None, headers=None):
        h = {"Host": f"127.0.0.1:{self.port}"}
        h.update(headers or {})
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
            h.setdefault("Content-Type", "application/json")
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.conn.request(method, path, body=body, headers=h)
        r = self.conn.getresponse()
        data = r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data

    def raw(self, data):
        """Sends bytes on a new connection; the answer's status, or None if none came."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as s:
            s.sendall(data)
            answer = b""
            while b"\r\n" not in answer:
                chunk = s.recv(4096)
                if not chunk:
                    return None
                answer += chunk
            return int(answer.split(b" ")[1])

    def stop(self, sig=signal.SIGTERM):
        self.conn.close()
        self.proc.send_signal(sig)
        code = self.proc.wait(timeout=30)
        return code, self.output()
