"""The `policypress` command: parse the arguments (`arguments.py`), run a command, turn our errors
into exit codes. The commands themselves are in `policypress.commands`.

Exit codes: 0 success, 1 content or build problems, 2 usage errors. Our own errors print as one
line without a traceback (`--debug` shows it); anything unexpected keeps its traceback, so a bug
never looks like a mistake in the content.
"""

from __future__ import annotations

import gc
import os
import sys

from policypress.arguments import parser
from policypress.commands import making, records, sources
from policypress.commands.common import print_problems
from policypress.errors import ContentError, PolicyPressError, UsageError, check_environment
from policypress.outputs import FAULTS

COMMANDS = {
    "import": sources.cmd_import,
    "check": making.cmd_check,
    "build": making.cmd_build,
    "publish": making.cmd_publish,
    "serve": making.cmd_serve,
    "history": records.cmd_history,
    "diff": records.cmd_diff,
    "approve": records.cmd_approve,
    "add-ids": sources.cmd_add_ids,
    "amend": sources.cmd_amend,
}


def _quiet_stdout() -> None:
    """After a broken pipe: send what is left to /dev/null, so Python's exit flush is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _collect_less() -> list[str]:
    """The arguments of a command run on its own, not called from other code. Such a run is short
    and makes many objects and few cycles: looking for cycles after every 50,000 new objects
    rather than 700 saves about 5% of a small build, as mypy does."""
    gc.set_threshold(50_000, 20, 20)
    return sys.argv[1:]


def main(argv: list[str] | None = None) -> int:
    argv = _collect_less() if argv is None else argv
    debug = "--debug" in argv
    try:
        args = parser().parse_args(argv)
        if not args.command:
            parser().print_help()
            return 2
        check_environment()
        try:
            code = COMMANDS[args.command](args)
            sys.stdout.flush()  # a closed pipe shows here, not after main has returned
            return code
        except ContentError as exc:
            exc.command, exc.document = args.command, getattr(args, "doc_id", None)
            raise
    except BrokenPipeError:
        # the reader stopped reading (`policypress history DOC | head -1`): stop quietly
        _quiet_stdout()
        return 141  # 128 + SIGPIPE, as a shell reports a command stopped by a closed pipe
    except ContentError as exc:
        if debug:
            raise
        print_problems(exc.problems)
        doc = exc.document
        outcome = {
            "approve": f"no approval of {doc} was recorded",
            "history": f"the history of {doc} was not printed",
            "diff": f"the changes to {doc} were not compared",
            "add-ids": "no id was added",
            "amend": "no file was changed",
        }.get(exc.command, "nothing was built")
        what = f"{exc}".replace("in the content", f"in the content of {doc}") if doc else f"{exc}"
        print(f"policypress: {what}; {outcome} (fix them and run again)", file=sys.stderr)
        return 1
    except UsageError as exc:
        if debug:
            raise
        print(f"policypress: usage error: {exc}", file=sys.stderr)
        return 2
    except PolicyPressError as exc:
        if debug:
            raise
        print(f"policypress: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        # the machine's state (a full disk, a read-only folder) rather than a bug: one line
        if debug or exc.errno not in FAULTS:
            raise
        where = f": {exc.filename}" if exc.filename else ""
        print(
            f"policypress: error: {FAULTS[exc.errno]} ({exc.strerror}{where}); nothing was "
            "changed (free some space or fix the folder's permissions, and run again)",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        print("policypress: stopped", file=sys.stderr)
        return 130
