"""Two gunicorn app servers behind nginx on loopback: the multi-machine setup in miniature.

`running(env)` starts two `gunicorn -c gunicorn.conf.py wsgi:app` instances (each with its own
workers, sharing only the database and Redis named in `env`) and an nginx (Debian package) that
spreads requests over both, passes the client address and scheme on (the apps trust one proxy:
PROXY_COUNT=1) and retries the other server when one fails. It yields nginx's base URL. Used by
`make cluster-smoke`, which runs browser tests through it (tests/browser/conftest.py).
"""

import contextlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

NGINX_CONF = """
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {tmp}/nginx-access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream raynama {{
        server 127.0.0.1:{first} max_fails=3 fail_timeout=5s;
        server 127.0.0.1:{second} max_fails=3 fail_timeout=5s;
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        # Room for a search box pasted full of Persian text (the app answers longer with a 414).
        large_client_header_buffers 4 72k;
        location / {{
            proxy_pass http://raynama;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_next_upstream error timeout http_502;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds:.0f} s")


@contextlib.contextmanager
def running(env: dict[str, str], workers: int = 2) -> Iterator[str]:
    """Start two app servers and nginx in front; yield nginx's URL; stop them all."""
    if not Path(NGINX).exists():
        raise RuntimeError("nginx is not installed: run `make nginx` (Debian package)")
    processes: list[subprocess.Popen] = []
    with tempfile.TemporaryDirectory(prefix="raynama-cluster-") as tmp:
        try:
            ports = [free_port(), free_port()]
            for n, port in enumerate(ports):
                server_env = {
                    **os.environ,
                    **env,
                    "PORT": str(port),
                    "HOST": "127.0.0.1",
                    "WEB_CONCURRENCY": str(workers),
                    "PROXY_COUNT": "1",
                    "ACCESS_LOG": f"{tmp}/app-{n + 1}.log",
                    "LOG_LEVEL": "warning",
                }
                processes.append(
                    subprocess.Popen(
                        [str(GUNICORN), "-c", "gunicorn.conf.py", "wsgi:app"],
                        cwd=ROOT,
                        env=server_env,
                    )
                )
            for port in ports:
                _wait(f"http://127.0.0.1:{port}/healthz")
            port = free_port()
            conf = Path(tmp) / "nginx.conf"
            conf.write_text(NGINX_CONF.format(tmp=tmp, first=ports[0], second=ports[1], port=port))
            processes.append(subprocess.Popen([NGINX, "-p", tmp, "-c", str(conf)]))
            _wait(f"http://127.0.0.1:{port}/healthz")
            yield f"http://127.0.0.1:{port}"
            counts = answered(tmp)
            print(f"cluster: the app servers answered {counts[0]} and {counts[1]} requests")
            if not all(counts):
                raise RuntimeError(f"nginx sent every request to one app server: {counts}")
        finally:
            for process in reversed(processes):
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()


def answered(tmp: str) -> list[int]:
    """How many requests each app server answered (from their access logs)."""
    counts = []
    for n in (1, 2):
        log = Path(tmp) / f"app-{n}.log"
        lines = log.read_text().splitlines() if log.exists() else []
        counts.append(len([line for line in lines if re.search(r'" \d{3} ', line)]))
    return counts
