"""The `policypress` commands, one module per kind of job; `policypress.cli` parses the
arguments and runs them.

- `common`: what several commands print (problems, summaries, progress) and how they find a
  document.
- `making`: check, build, publish and serve: from the content to the outputs and the site.
- `records`: history, diff and approve: the document's versions, changes and approvals in git.
- `sources`: import and add-ids: writing the source files themselves.

Each module imports the heavy parts of the package (the loader, git, the renderers) inside the
command that needs them, so `policypress --help` and usage errors start in a fraction of a second.
"""
