"""The classifier against amendments labelled by hand (tests/fixtures/amendments.yaml).

Prints the confusion matrix (run pytest with -s to see it) and asserts what issue 24 asks: every
significant change caught, at least 90% of editorial ones kept editorial, and every reason the
one the officer would give.
"""

from __future__ import annotations

import shutil
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from policypress.changes import abbreviations, compare
from policypress.comparable import items
from policypress.load.loader import load_library
from policypress.model import Document
from policypress.reasons import kind_of
from policypress.wording import classify_text

FIXTURES = Path(__file__).parents[1] / "fixtures"
DOCS = {"coc": ("code-of-conduct", "code-of-conduct"), "nhf": ("nhf-model", "nhf-code")}
AMENDMENTS = YAML(typ="safe").load((FIXTURES / "amendments.yaml").read_text())["amendments"]


@cache
def _document(doc: str) -> Document:
    folder, name = DOCS[doc]
    return load_library(FIXTURES / folder, FIXTURES.parent.parent).library.document(name)


def _old_text(amendment: dict) -> str:
    key = amendment["part"] + (f":{amendment['field']}" if "field" in amendment else "")
    text = " ".join(items(_document(amendment["doc"]))[key].text.split())
    if "before" in amendment:
        return amendment["before"]
    return text


def _new_text(amendment: dict, old: str) -> str:
    if "old" not in amendment:
        return amendment["new"]
    assert old.count(amendment["old"]) == 1, f"{amendment['old']!r} is not once in {old!r}"
    return old.replace(amendment["old"], amendment["new"])


def _edited(amendment: dict, folder: Path) -> Path:
    """A copy of the document's fixture with the bullets or clauses swapped or moved."""
    source, name = DOCS[amendment["doc"]]
    copy = folder / source
    shutil.copytree(FIXTURES / source, copy)
    yaml = YAML()
    files = sorted((copy / name / "sections").glob("*.yaml"))
    data = {path: yaml.load(path.read_text()) for path in files}
    lists = [lst for tree in data.values() for lst in _lists(tree)]
    home = next(lst for lst in lists if any(e.get("id") == amendment["part"] for e in lst))
    at = next(n for n, e in enumerate(home) if e.get("id") == amendment["part"])
    if amendment["op"] == "merge":
        into = next(e for e in home if e.get("id") == amendment["into"])
        into["text"] = amendment["new"]
        home.pop(at)
    elif amendment["op"] == "swap":
        other = next(n for n, e in enumerate(home) if e.get("id") == amendment["with"])
        home[at], home[other] = home[other], home[at]
    else:
        target = next(
            t for tree in data.values() for t in _nodes(tree) if t.get("id") == amendment["to"]
        )
        target[next(k for k in ("bullets", "clauses") if k in target)].append(home.pop(at))
    for path, tree in data.items():
        with path.open("w") as out:
            yaml.dump(tree, out)
    return copy


def _nodes(tree):
    if isinstance(tree, dict):
        yield tree
        for value in tree.values():
            yield from _nodes(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from _nodes(value)


def _lists(tree):
    for node in _nodes(tree):
        for value in node.values():
            if isinstance(value, list) and value and all(isinstance(e, dict) for e in value):
                yield value


def _judge(amendment: dict, tmp: Path) -> tuple[str, str, list[str]]:
    """(significance, kind of the first reason, reasons) the classifier gives."""
    if "op" in amendment:
        folder = _edited(amendment, tmp)
        name = DOCS[amendment["doc"]][1]
        new = load_library(folder, FIXTURES.parent.parent).library.document(name)
        changes = compare(_document(amendment["doc"]), new)
        significant = [c for c in changes if c.significance == "significant"]
        main = [c for c in changes if c.kind != "renumbered"] or changes
        reasons = [str(r) for c in changes for r in c.reasons]
        if not changes:
            return "editorial", "none", ["no change reported"]
        first = (significant or main)[0]
        return ("significant" if significant else "editorial", kind_of(first.reasons[0]), reasons)
    old = _old_text(amendment)
    document = _document(amendment["doc"])
    significance, reasons = classify_text(old, _new_text(amendment, old), abbreviations(document))
    return significance, kind_of(reasons[0]), [str(r) for r in reasons]


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> list[tuple[dict, tuple[str, str, list[str]]]]:
    tmp = tmp_path_factory.mktemp("amended")
    out = []
    for n, amendment in enumerate(AMENDMENTS):
        folder = tmp / str(n)
        folder.mkdir()
        out.append((amendment, _judge(amendment, folder)))
    return out


def _matrix(results) -> Counter:
    return Counter((a["label"], got[0]) for a, got in results)


def test_the_set_is_large_and_covers_both_documents():
    assert len(AMENDMENTS) >= 100
    assert Counter(a["doc"] for a in AMENDMENTS)["nhf"] >= 40
    labels = Counter(a["label"] for a in AMENDMENTS)
    assert labels["editorial"] >= 40 and labels["significant"] >= 40


def test_confusion_matrix(results):
    matrix = _matrix(results)
    print("\n                      judged significant  judged editorial")
    for label in ("significant", "editorial"):
        print(
            f"labelled {label:<12} {matrix[label, 'significant']:>18}"
            f"  {matrix[label, 'editorial']:>16}"
        )
    wrong = [(a, got) for a, got in results if got[0] != a["label"] or got[1] != a["kind"]]
    for amendment, got in wrong:
        print(
            f"- {amendment['doc']} {amendment['part']}: {amendment.get('old', '')!r} → "
            f"{amendment.get('new', amendment.get('op'))!r}: labelled {amendment['label']} "
            f"{amendment['kind']}, judged {got[0]} {got[1]}: {got[2]}"
        )
    missed = [a for a, got in results if a["label"] == "significant" and got[0] != "significant"]
    assert not missed, "significant changes judged editorial"
    editorial = matrix["editorial", "editorial"] + matrix["editorial", "significant"]
    assert matrix["editorial", "editorial"] >= 0.9 * editorial


def test_every_reason_is_the_one_the_officer_gives(results):
    wrong = [
        (a["part"], a["kind"], got[1], got[2])
        for a, got in results
        if got[0] == a["label"] and got[1] != a["kind"]
    ]
    assert not wrong
