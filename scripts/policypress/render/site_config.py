"""The site's MkDocs configuration, and the theme's defaults layered under the council's.

`mkdocs.yml` in the working folder is used when there is one; without it policypress builds the
site with a configuration of its own (`default_config`), so a folder that holds only `content/`
can be published. Either way the plugin puts the package's theme overrides (`site/overrides`,
see policypress.themes) under the council's `themes/site/overrides` and adds the package's pages
and assets (`site/pages`) that neither `docs_dir` nor the council's `themes/site/pages` has.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import File, Files

from policypress import themes
from policypress.errors import RenderError
from policypress.render import site_serve
from policypress.settings import DEFAULT_SITE_NAME

LOGO = "assets/logo.svg"  # the council's logo, used by the built-in configuration if it has one


def config_file() -> Path:
    """The site's configuration file: `mkdocs.yml` in the working folder (it may not exist)."""
    return Path.cwd() / "mkdocs.yml"


def default_config(project: Path) -> dict:
    """The configuration used when `project` has no mkdocs.yml: Material, the search and
    policypress plugins, the package's stylesheet, and the site named after the documents."""
    own_pages = themes.overrides(project) / "site" / "pages"
    config: dict = {
        "site_name": DEFAULT_SITE_NAME,
        # MkDocs needs a folder of pages that exists: the council's, else the package's.
        "docs_dir": str(own_pages if own_pages.is_dir() else themes.DEFAULTS / "site" / "pages"),
        "site_dir": str(project / "build" / "site"),
        "use_directory_urls": True,
        "theme": {
            "name": "material",
            "language": "en",
            "font": False,
            "palette": {"scheme": "default", "primary": "custom", "accent": "custom"},
            "features": [
                "navigation.sections",
                "navigation.prune",
                "navigation.top",
                "search.highlight",
                "toc.follow",
            ],
        },
        "plugins": [
            "search",
            {
                "policypress": {
                    "content": str(project / "content"),
                    "site_name_from_documents": True,
                }
            },
        ],
        "markdown_extensions": ["attr_list", "md_in_html", {"toc": {"permalink": False}}],
        "extra": {"generator": False},
        "extra_css": ["assets/policypress.css"],
    }
    if (own_pages / LOGO).is_file():
        config["theme"].update(logo=LOGO, favicon=LOGO)
    return config


def load(path: Path, **options) -> MkDocsConfig:
    """MkDocs's configuration from `path`, or the built-in one when there is no such file."""
    if path.is_file():
        return load_config(str(path), **options)
    text = json.dumps(default_config(path.parent))  # JSON is YAML, with every path quoted
    return load_config(io.StringIO(text), config_file_path=str(path), **options)


def write_default(path: Path) -> None:
    """Write the built-in configuration to `path` (for `mkdocs serve`, which reads a file), with
    the paths of the working folder."""
    path.write_text(json.dumps(default_config(Path.cwd()), indent=1), "utf-8")


def layer_theme(config: MkDocsConfig) -> None:
    """Put the council's `themes/site/overrides` (unless mkdocs.yml names it already as
    custom_dir) and then the package's over the theme, under any custom_dir."""
    dirs = config.theme.dirs
    at = 1 if config.theme.custom_dir else 0
    for folder in themes.layers("site/overrides"):
        if str(folder) not in dirs:
            dirs.insert(at, str(folder))
            at += 1


def add_default_pages(files: Files, config: MkDocsConfig) -> None:
    """Add the pages and assets of `themes/site/pages` (the council's, then the package's) that
    the site does not have yet: a file from docs_dir or from the council wins."""
    docs = Path(config.docs_dir).resolve()
    for folder in themes.layers("site/pages"):
        if folder.resolve() == docs:
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            uri = path.relative_to(folder).as_posix()
            if files.get_file_from_path(uri) is None:
                files.append(File(uri, str(folder), config.site_dir, config.use_directory_urls))


def serve(dev_addr: str) -> None:
    """`mkdocs serve --dirty` on our configuration (mkdocs.yml, else the built-in one), also
    watching content/ (see on_serve) and the council's themes/; see render/site_serve.py."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

    def run(config_path: Path) -> None:
        watch = [str(themes.overrides())] if themes.overrides().is_dir() else []
        try:
            site_serve.serve(config_path, dev_addr, watch)
        except MkDocsException as exc:
            raise RenderError(f"mkdocs could not serve the site: {exc}") from exc

    if config_file().is_file():
        run(config_file())
        return
    with tempfile.TemporaryDirectory(prefix="policypress-serve-") as tmp:
        default = Path(tmp) / "mkdocs.yml"  # mkdocs serve reads its configuration from a file
        write_default(default)
        run(default)
