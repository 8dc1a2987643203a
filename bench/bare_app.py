"""The yardstick for `make load`: a bare Flask app rendering a small template, served by the same gunicorn
config as Orbit (`gunicorn -c gunicorn.conf.py bench.bare_app:app`). What Orbit's pages are compared with."""

from __future__ import annotations

from flask import Flask, render_template
from jinja2 import DictLoader

PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ title }}</title></head>
<body>
<main>
<h1>{{ title }}</h1>
<p>{{ intro }}</p>
<ul>
{% for item in items %}<li><a href="/items/{{ item.id }}">{{ item.name }}</a> {{ item.note }}</li>
{% endfor %}</ul>
</main>
</body>
</html>
"""

ITEMS = [{"id": n, "name": f"Item {n}", "note": "A line of words & <things> to escape"} for n in range(10)]

app = Flask(__name__)
app.jinja_loader = DictLoader({"page.html": PAGE})


@app.get("/")
def page() -> str:
    return render_template("page.html", title="Hello", intro="A small page from a template.", items=ITEMS)
