"""Command line: ``python -m assistant.evaluation.lookalikes OUT_DIR --n 2000 --seed 0``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.evaluation.lookalikes import DEFAULT_N, write


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m assistant.evaluation.lookalikes OUT_DIR --n 2000 --seed 0``."""
    parser = argparse.ArgumentParser(
        prog="python -m assistant.evaluation.lookalikes",
        description="Write seeded look-alike distractor articles for retrieval evaluations.",
    )
    parser.add_argument("out_dir", type=Path, help="folder to write lookalike_NNNNNN.txt files to")
    parser.add_argument("--n", type=int, default=DEFAULT_N, help="number of articles")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("--n must be zero or more")
    paths = write(args.out_dir, args.n, args.seed)
    print(f"wrote {len(paths)} articles to {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
