"""TLS of `remit serve` (ctest label `serve`): a self-signed certificate made
here with `openssl req`, an HTTPS request answered, plain HTTP to the TLS port
told to use https, TLS below 1.2 refused, and certificate and key files that
will not do refused before listening. Usage: test_tls.py REMIT SOURCE_DIR WORKDIR"""
import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import warnings

from serve_support import Checks, Server, fresh_dir

remit, source, work = sys.argv[1], sys.argv[2], sys.argv[3]
fresh_dir(work)
rules = os.path.join(source, "rules")
check = Checks()


def make_pair(name):
    cert, key = os.path.join(work, name + ".crt"), os.path.join(work, name + ".key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True, timeout=60)
    return cert, key


cert, key = make_pair("server")
context = ssl.create_default_context(cafile=cert)  # verifies the certificate and its address

# HTTPS: the API answers, over TLS 1.2 or later
server = Server(remit, ["--scheme", rules, "--tls-cert", cert, "--tls-key", key], tls=context)
st, h, body = server.request("GET", "/v1/schemes")
check(st == 200 and any(s["name"] == "mopac" for s in json.loads(body)["schemes"]), f"GET /v1/schemes over TLS: {st} {body[:200]}")
check(server.conn.sock.version() in ("TLSv1.2", "TLSv1.3"), f"TLS version {server.conn.sock.version()}")
check(h.get("content-security-policy", "").startswith("default-src 'none'"), "security headers over TLS")

# plain HTTP to the TLS port: a plain 400 that says to use https, then closed
status = server.raw(f"GET /v1/schemes HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
check(status == 400, f"plain HTTP to the TLS port gets 400, not {status}")

# a client that offers only TLS 1.1 gets no connection
old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
old.load_verify_locations(cert)
old.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    old.maximum_version = ssl.TLSVersion.TLSv1_1
try:
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as raw:
        with old.wrap_socket(raw, server_hostname="127.0.0.1") as s:
            refused = False
except (ssl.SSLError, ConnectionError):
    refused = True
check(refused, "TLS 1.1 is refused")

# a client that does not trust the certificate gets no answer
try:
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as raw:
        with ssl.create_default_context().wrap_socket(raw, server_hostname="127.0.0.1"):
            untrusted = False
except ssl.SSLCertVerificationError:
    untrusted = True
check(untrusted, "an unknown certificate fails verification")

# still serving after all that
st, h, body = server.request("GET", "/v1/schemes")
check(st == 200, f"still serving after bad clients: {st}")
code, out = server.stop()
check(code == 0 and "listening on https://127.0.0.1:" in out, f"stopped cleanly: {code} {out}")


def refused_before_listening(args, expect, what):
    r = subprocess.run([remit, "serve", "--scheme", rules, "--listen", "127.0.0.1:0", *args], capture_output=True, text=True, timeout=30)
    check(r.returncode == 2 and expect in r.stderr and "listening" not in r.stderr, f"{what}: {r.returncode} {r.stderr}")


missing = os.path.join(work, "missing.key")
refused_before_listening(["--tls-cert", cert, "--tls-key", missing], f"remit: error: `--tls-key {missing}` cannot be read: No such file",
                         "a missing key file")
garbage = os.path.join(work, "garbage.crt")
with open(garbage, "w") as f:
    f.write("not a certificate\n")
refused_before_listening(["--tls-cert", garbage, "--tls-key", key], f"remit: error: `--tls-cert {garbage}` is not a readable PEM certificate",
                         "a certificate file that is not PEM")
other_cert, other_key = make_pair("other")
refused_before_listening(["--tls-cert", cert, "--tls-key", other_key], f"`--tls-key {other_key}` is not a readable PEM private key for the certificate",
                         "a key of another certificate")
refused_before_listening(["--tls-cert", cert], "`--tls-cert` needs `--tls-key FILE`", "a certificate without its key")
refused_before_listening(["--tls-key", key], "`--tls-key` needs `--tls-cert FILE`", "a key without its certificate")

# off loopback: refused with neither TLS nor a token; TLS alone will do
r = subprocess.run([remit, "serve", "--scheme", rules, "--listen", "0.0.0.0:0"], capture_output=True, text=True, timeout=30)
check(r.returncode == 2 and "--tls-cert FILE --tls-key FILE" in r.stderr and "--token-file FILE" in r.stderr,
      f"off loopback needs TLS or a token: {r.stderr}")
proc = subprocess.Popen([remit, "serve", "--scheme", rules, "--listen", "0.0.0.0:0", "--tls-cert", cert, "--tls-key", key],
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
line = proc.stderr.readline()
check("listening on https://0.0.0.0:" in line, f"off loopback with TLS alone: {line}")
# a handshake shows it serving
with socket.create_connection(("127.0.0.1", int(line.rsplit(":", 1)[1].strip().strip("/"))), timeout=30) as raw:
    with context.wrap_socket(raw, server_hostname="127.0.0.1") as s:
        check(s.version() in ("TLSv1.2", "TLSv1.3"), "a handshake off loopback")
proc.send_signal(signal.SIGTERM)
check(proc.wait(timeout=30) == 0, "the server off loopback stops")

# SIGTERM as soon as the line is said stops it gracefully (the signals are caught first)
proc = subprocess.Popen([remit, "serve", "--scheme", rules, "--listen", "127.0.0.1:0", "--tls-cert", cert, "--tls-key", key],
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
line = proc.stderr.readline()
proc.send_signal(signal.SIGTERM)
check(proc.wait(timeout=30) == 0, f"SIGTERM on the listening line: exit {proc.returncode}, {line}")

check.finish("serve tls: all passed")
