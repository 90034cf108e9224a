def render(t, fmt): pass
