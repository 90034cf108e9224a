"""Rendering in one place: reports, traces and computation graphs as text, Markdown, HTML,
notebook output and the local page.

Records (a trace, a graph, a derivation's report) are made elsewhere and know nothing of
how they are shown; the modules here import them and draw them:

- :mod:`.escape`: one escaping function per medium (HTML, terminal, JSON, Markdown);
- :mod:`.mathml`: formulas as sanitised MathML, each once, its LaTeX for screen readers;
- :mod:`.trace`, :mod:`.graph`, :mod:`.derivation`: each record in each medium;
- :mod:`.style`: the one style sheet (``static/style.css``), which the page and every
  HTML file or notebook fragment use; ``static/`` also holds the page and its one script
  module.

This package imports nothing at ``import backprop``: its modules are loaded on use.
"""
