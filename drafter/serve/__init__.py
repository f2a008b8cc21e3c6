"""`drafter serve`: a local web page to fill in an input, see it as it will print, save it.

    app.py        the Starlette application: routes, pages, static files, the guard
    security.py   token, Host/Origin checks and the request size limit
    workspace.py  the served folder: its inputs, its templates, paths kept inside it
    form.py       a template's JSON Schema as form fields
    preview.py    form data → validate, render, check (the command line's functions)
    yamlsave.py   form data written back into the YAML file, comments and order kept
    routes.py     the pages and actions
    pages/        Jinja page templates; static/ our own small script and styles

The pages of the preview come from drafter.writers.html.
"""
