"""The website's engine side, above the pipeline: the site plan written as a plain MkDocs
project (project.py, settings.py), built by MkDocs (engine.py, make.py), and previewed
(serve.py)."""
