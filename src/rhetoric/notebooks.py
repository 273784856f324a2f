"""Run notebooks top to bottom and export them as HTML that fetches nothing.

``make demo`` and the browser tests use this, so that what a classroom opens
offline is what the tests loaded in a browser with the network off::

    python -m rhetoric.notebooks notebooks/0*.ipynb -o build/notebooks

nbconvert's default HTML template loads require.js, MathJax and Mermaid from
a CDN and the widget manager from unpkg; :data:`OFFLINE_TEMPLATE` keeps
everything else (outputs, their inline scripts, the inlined CSS) and drops
those. Needs the ``notebooks`` extra (nbclient, nbconvert).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

__all__ = ["OFFLINE_TEMPLATE", "execute", "export_html", "main"]

OFFLINE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


def execute(path: str | Path, workdir: str | Path | None = None, *, timeout: int = 600):
    """Run a notebook top to bottom in a fresh kernel, in its own folder.

    Jupyter and IPython keep their configuration under ``workdir`` (a
    temporary folder if ``None``), never under ``~``.

    Returns:
        The executed notebook (an ``nbformat`` node).
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    work = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="rhetoric-nb-"))
    env = dict(os.environ)
    for var in ("JUPYTER_CONFIG_DIR", "IPYTHONDIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"):
        d = work / var.lower()
        d.mkdir(parents=True, exist_ok=True)
        env[var] = str(d)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        config=_kernel_config(env["JUPYTER_RUNTIME_DIR"]),
    )
    client.execute(env=env)
    return nb


def _kernel_config(runtime_dir: str):
    """Kernel settings: talk over local sockets (IPC) where we can, rather than TCP.

    Over TCP the kernel warns that its traffic is unencrypted ("running over
    TCP without encryption"); IPC sockets are files in our own runtime folder,
    readable by this user only, so there is nothing to warn about. The client
    still makes (and so shuts down) the kernel itself.
    """
    from traitlets.config import Config

    config = Config()
    if os.name == "posix":
        # A Unix socket path is limited to about 100 bytes: use a short folder when ours is long.
        base = runtime_dir if len(runtime_dir) < 60 else tempfile.mkdtemp(prefix="rh-ipc-")
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = os.path.join(base, "kernel")
    return config


def export_html(nb) -> str:
    """An executed notebook as one HTML page that loads nothing from the network."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        extra_loaders=[DictLoader({"rhetoric_offline.html.j2": OFFLINE_TEMPLATE})],
        template_file="rhetoric_offline.html.j2",
    )
    body, _ = exporter.from_notebook_node(nb)
    return body


def main(argv: list[str] | None = None) -> int:
    """Execute notebooks and write ``NAME.ipynb`` (with outputs) and ``NAME.html`` to a folder."""
    import nbformat

    ap = argparse.ArgumentParser(prog="python -m rhetoric.notebooks", description=main.__doc__)
    ap.add_argument("notebooks", nargs="+", metavar="NOTEBOOK")
    ap.add_argument("-o", "--output", required=True, metavar="DIR")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell (default 600)")
    args = ap.parse_args(argv)
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="rhetoric-nb-"))
    for name in args.notebooks:
        path = Path(name)
        print(f"running {path} ...", file=sys.stderr, flush=True)
        nb = execute(path, work, timeout=args.timeout)
        nbformat.write(nb, out / path.name)
        (out / path.with_suffix(".html").name).write_text(export_html(nb), encoding="utf-8")
        print(f"  wrote {out / path.name} and {out / path.with_suffix('.html').name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
