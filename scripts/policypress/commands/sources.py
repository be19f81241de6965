"""import, amend and add-ids: the commands that write the source files themselves."""

from __future__ import annotations

import argparse

# Each command imports the importer or the loader inside itself: `policypress --help` and usage
# errors would otherwise pay for python-docx and the YAML and schema readers.


def cmd_import(args: argparse.Namespace) -> int:
    from policypress.importer.run import run_import

    lines, code = run_import(args.file, args.doc_id, args.content, args.force, args.dry_run)
    print("\n".join(lines))
    return code


def cmd_add_ids(args: argparse.Namespace) -> int:
    from policypress.ids import add_ids

    added = add_ids(args.content, args.doc_id, dry_run=args.dry_run)
    for item in added:
        print(f"{item.name}:{item.line}: {item.id}")
    files = len({item.file for item in added})
    where = f"'{args.doc_id}'" if args.doc_id else "every document"
    if not added:
        print(f"every part of {where} already has an id: nothing to add")
    elif args.dry_run:
        print(f"would add {len(added)} id(s) in {files} file(s) (dry run: no file was changed)")
    else:
        print(
            f"added {len(added)} id(s) in {files} file(s); check them, then run 'policypress check'"
        )
    return 0


def cmd_amend(args: argparse.Namespace) -> int:
    from policypress.amend import report
    from policypress.amend.run import amend, write

    amended = amend(args.content, args.doc_id, args.file)
    if not args.dry_run:
        write(amended)
    print("\n".join(report.lines(amended, args.doc_id, args.file, args.dry_run)))
    return 1 if amended.not_amended else 0
