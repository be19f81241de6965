"""The site's settings: the council's `mkdocs.yml` (a plain settings file, optional), completed
into the whole configuration of the generated MkDocs project.

The council's file says what is its own: the site's name and address, palette, logo, extra
stylesheets, Markdown extensions, other plugins. policypress adds what belongs to the generated
project: the folders (`docs`, `overrides`, the site one level up), the menu, the page language
for theme pages, and the search plugin. Without the file, a built-in configuration is used and
the site is named after the documents. Nothing here imports MkDocs: the file is read as YAML.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from policypress.errors import Location, PolicyPressError, display_path

SETTINGS = "mkdocs.yml"  # in the project folder
LOGO = "assets/logo.svg"  # the council's logo, used by the built-in configuration if it has one
# Keys the generated project owns: the council's values for them are replaced (docs_dir is read
# as one more folder of pages, custom_dir as one more folder of theme overrides).
OWNED = ("docs_dir", "site_dir", "nav")
OUR_PLUGINS = ("policypress",)  # the old plugin's name, still in older settings files


class SettingsError(PolicyPressError):
    """The council's mkdocs.yml cannot be read: the message names the file and line."""


@dataclass
class Settings:
    """The council's settings (a mapping as read), and the folders it names."""

    data: dict[str, Any]
    found: bool  # whether the council has a settings file
    folder: Path  # where its relative paths start
    pages: list[Path] = field(default_factory=list)  # its own docs_dir, if any
    overrides: list[Path] = field(default_factory=list)  # its own theme custom_dir, if any


def _yaml() -> YAML:
    yaml = YAML(typ="rt")  # keeps tags such as !ENV and !!python/name as they are
    yaml.default_flow_style = False
    yaml.width = 4096
    return yaml


def settings_file(project: Path | None = None) -> Path:
    """The council's settings file, `mkdocs.yml` in the project folder (it may not exist)."""
    return (project if project is not None else Path.cwd()) / SETTINGS


def default_settings(project: Path) -> dict[str, Any]:
    """The configuration used when the project has no mkdocs.yml: Material, the package's
    stylesheet, and the council's logo if it has one."""
    theme: dict[str, Any] = {
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
    }
    if (project / "themes" / "site" / "pages" / LOGO).is_file():
        theme.update(logo=LOGO, favicon=LOGO)
    return {
        "use_directory_urls": True,
        "theme": theme,
        "plugins": ["search"],
        "markdown_extensions": ["attr_list", "md_in_html", {"toc": {"permalink": False}}],
        "extra": {"generator": False},
        "extra_css": ["assets/policypress.css"],
    }


def read_settings(project: Path | None = None) -> Settings:
    """The council's settings, or the built-in ones when it has no mkdocs.yml."""
    project = project if project is not None else Path.cwd()
    path = settings_file(project)
    if not path.is_file():
        return Settings(default_settings(project), False, project)
    shown = display_path(path)
    try:
        data = _yaml().load(path.read_text("utf-8"))
    except UnicodeDecodeError as exc:
        raise SettingsError(
            f"{shown}: error: the file is not UTF-8 text (save it as UTF-8 and build again)"
        ) from exc
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(shown, mark.line + 1, mark.column + 1) if mark else Location(shown)
        raise SettingsError(
            f"{where}: error: the site settings are not valid YAML: {exc.problem or exc.context}"
            " (compare it with the mkdocs.yml that policypress ships)"
        ) from exc
    except YAMLError as exc:
        raise SettingsError(f"{shown}: error: the site settings cannot be read: {exc}") from exc
    if data is None:
        data = CommentedMap()
    if not isinstance(data, dict):
        raise SettingsError(
            f"{shown}:1: error: the site settings must be a list of 'name: value' lines"
            " (compare it with the mkdocs.yml that policypress ships)"
        )
    settings = Settings(data, True, path.parent)
    folder = data.get("docs_dir")
    if isinstance(folder, str) and (path.parent / folder).is_dir():
        settings.pages.append((path.parent / folder).resolve())
    theme = data.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if isinstance(custom, str) and (path.parent / custom).is_dir():
        settings.overrides.append((path.parent / custom).resolve())
    return settings


def _plugins(value: Any) -> list[Any]:
    """The council's plugins without the old policypress plugin, and with search."""
    items = list(value) if isinstance(value, list) else ["search"]
    kept: list[Any] = []
    for item in items:
        name = item if isinstance(item, str) else next(iter(item), "") if item else ""
        if name not in OUR_PLUGINS:
            kept.append(item)
    names = [i if isinstance(i, str) else next(iter(i), "") for i in kept if i]
    if "search" not in names:
        kept.insert(0, "search")
    return kept


def project_config(
    settings: Settings,
    nav: list[Any],
    site_name: str,
    language: str,
    many: bool,
    site_url: str = "",
    not_found: list[dict[str, str]] | None = None,
) -> bytes:
    """The generated project's mkdocs.yml: the council's settings with the menu, the folders,
    and what the pages need."""
    config = CommentedMap()
    for key, value in settings.data.items():
        if key not in OWNED:
            config[key] = value
    if not settings.found or not config.get("site_name"):
        config["site_name"] = site_name
    if site_url:
        config["site_url"] = site_url.rstrip("/") + "/"
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"  # inside the project, as Zensical requires
    theme = config.get("theme")
    if not isinstance(theme, dict):
        theme = CommentedMap(name=theme if isinstance(theme, str) else "material")
    theme["custom_dir"] = "overrides"
    features = theme.get("features")
    if many and isinstance(features, list):
        # Many documents: fold each into a collapsed menu entry; with navigation.prune only the
        # open one is written into each page, so a page's size does not grow with the library.
        theme["features"] = CommentedSeq(f for f in features if f != "navigation.sections")
    config["theme"] = theme
    config["plugins"] = _plugins(config.get("plugins"))
    extra = config.get("extra")
    extra = extra if isinstance(extra, dict) else CommentedMap()
    extra["language"] = language  # of pages that are no document's, such as 404.html
    if not_found:  # 404.html's words in each language of a site in two (theme's 404.html)
        extra["not_found"] = not_found
    config["extra"] = extra
    out = io.StringIO()
    out.write(
        "# Made by `policypress build` from content/, mkdocs.yml and themes/: edit those.\n"
        "# No plugin needed: `mkdocs build -f build/site-src/mkdocs.yml` builds it into\n"
        "# build/site-src/site/.\n"
    )
    _yaml().dump(config, out)
    out.write(_menu(nav))
    return out.getvalue().encode("utf-8")


def _menu(nav: list[Any]) -> str:
    """The menu as YAML: one entry a line, each written as JSON, which is also YAML.

    The menu holds only page names and paths, so it needs none of ruamel's round trip, which
    took a tenth of a second for 100 documents' menus."""
    lines = ["nav:"] if nav else ["nav: []"]
    lines += [f"  - {_UNPRINTABLE.sub(_escaped, json.dumps(e, ensure_ascii=False))}" for e in nav]
    return "\n".join(lines) + "\n"


# What JSON leaves as it is but YAML reads as a line break or refuses: escaped as \uXXXX, which
# a YAML double-quoted string reads back as the same character.
_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"
