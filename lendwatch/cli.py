"""`lendwatch` command line: demo, validate, ingest, history."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from lendwatch import demo, validate
from lendwatch.dataset import DatasetUnreadable
from lendwatch.dates import parse_month
from lendwatch.ingest import IngestRejected, ingest
from lendwatch.settings import SettingError, load_settings, resolve_store
from lendwatch.store import Store, StoreBusy

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE, EXIT_BUSY = 0, 1, 2, 3


def _month(text: str) -> date:
    try:
        return parse_month(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _whole(minimum: int) -> Callable[[str], int]:
    """An argparse type: a whole number of at least `minimum`."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"expected a whole number (got {text!r})") from exc
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum} (got {value})")
        return value

    return parse


def _complete_month(text: str) -> date:
    """An argparse type: a `YYYY-MM` month that has ended (its month end)."""
    month = _month(text)
    last = demo.default_as_of(date.today())
    if month > last:
        raise argparse.ArgumentTypeError(
            f"{text.strip()} is not a complete month yet; the latest possible is {last:%Y-%m}"
        )
    return month


def _parser() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    parser = argparse.ArgumentParser(
        prog="lendwatch",
        description="LendWatch: supervisory analytics for bank–platform internet lending.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p_demo = sub.add_parser(
        "demo",
        help="generate the calibrated demo dataset and load it into the store (or only write it)",
    )
    where = p_demo.add_mutually_exclusive_group()
    where.add_argument("--out", type=Path, help="only write the dataset folder DIR, load nothing")
    where.add_argument("--store", help="store path (default: LENDWATCH_STORE or data/)")
    p_demo.add_argument(
        "--loans", type=_whole(1), help="number of loans, 1 or more (default: LENDWATCH_DEMO_LOANS)"
    )
    p_demo.add_argument(
        "--seed", type=_whole(0), help="random seed, 0 or more (default: LENDWATCH_DEMO_SEED)"
    )
    p_demo.add_argument(
        "--as-of",
        type=_complete_month,
        help="last month of data, YYYY-MM, a complete month (default: the last complete month)",
    )
    p_demo.add_argument(
        "--format",
        choices=("csv", "parquet"),
        help="file format of --out (default csv; not for the store, which is built from Parquet)",
    )
    p_demo.add_argument(
        "--if-missing", action="store_true", help="do nothing when the store already exists"
    )

    p_val = sub.add_parser("validate", help="check a dataset folder against the data contract")
    p_val.add_argument("folder", type=Path)
    p_val.add_argument("--json", action="store_true", help="print the report as JSON")

    p_ing = sub.add_parser("ingest", help="validate a dataset folder and publish it to the store")
    p_ing.add_argument("folder", type=Path)
    p_ing.add_argument("--store", help="store path (default: LENDWATCH_STORE or data/)")
    return parser, p_demo


def _store(arg: str | None) -> Store:
    settings = load_settings()
    return Store(resolve_store(arg) if arg else settings.store)


def _say(message: str) -> None:
    print(f"  · {message}", file=sys.stderr, flush=True)


def _load(folder: Path, store: Store, *, kind: str, source: str) -> int:
    settings = load_settings()
    try:
        result = ingest(
            folder,
            store,
            kind=kind,
            source=source,  # type: ignore[arg-type]
            keep_versions=settings.keep_versions,
            progress=_say,
        )
    except DatasetUnreadable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except IngestRejected as exc:
        print(exc.report.to_text(), file=sys.stderr)
        print(
            f"Nothing was loaded; the store is unchanged. Report kept at {exc.report_path}",
            file=sys.stderr,
        )
        return EXIT_INVALID
    except StoreBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BUSY
    total = sum(result.row_counts.values())
    print(
        f"Loaded {total:,} rows (as of {result.as_of_month}) into {store.path} "
        f"in {result.duration_s:.1f} s; {result.report.warning_count} warning(s)."
    )
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    settings = load_settings()
    loans = settings.demo_loans if args.loans is None else args.loans
    seed = settings.demo_seed if args.seed is None else args.seed
    as_of = args.as_of or demo.default_as_of(date.today())
    started = time.perf_counter()

    def step(label: str, fraction: float) -> None:
        _say(f"{label} ({fraction:.0%})")

    if args.out:
        counts = demo.generate(
            args.out,
            loans=loans,
            seed=seed,
            as_of=as_of,
            file_format=args.format or "csv",
            progress=step,
        )
        print(
            f"Wrote {sum(counts.values()):,} rows to {args.out} "
            f"in {time.perf_counter() - started:.1f} s."
        )
        return EXIT_OK
    store = _store(args.store)
    if args.if_missing and store.exists():
        print(f"Store {store.path} exists; leaving it as it is.")
        return EXIT_OK
    print(
        f"Building the demo store ({loans:,} loans, seed {seed}, as of {as_of:%Y-%m}) …",
        file=sys.stderr,
    )
    with tempfile.TemporaryDirectory(prefix="lendwatch-demo-") as tmp:
        demo.generate(
            Path(tmp), loans=loans, seed=seed, as_of=as_of, file_format="parquet", progress=step
        )
        source = f"demo: {loans} loans, seed {seed}, as of {as_of:%Y-%m}"
        code = _load(Path(tmp), store, kind="demo", source=source)
    if code == EXIT_OK:
        print(f"Demo store ready in {time.perf_counter() - started:.1f} s.")
    return code


def main(argv: list[str] | None = None) -> int:
    """Run the command line; the process exit code."""
    parser, p_demo = _parser()
    args = parser.parse_args(argv)
    if args.command == "demo" and args.format and not args.out:
        # The store is always built from a temporary Parquet folder: a format would be ignored.
        p_demo.error("argument --format: only applies with --out (the store is built from Parquet)")
    try:
        if args.command == "validate":
            return validate.main(args.folder, as_json=args.json)
        if args.command == "ingest":
            return _load(args.folder, _store(args.store), kind="ingest", source=str(args.folder))
        return _demo(args)
    except SettingError as exc:
        print(f"lendwatch: error: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE


if __name__ == "__main__":
    sys.exit(main())
