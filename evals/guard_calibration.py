"""Calibrate the guard's support thresholds on hand-written claims about the bundled corpus.

    python -m evals.guard_calibration [--work /tmp/pa-guard]

evals/guard_pairs.jsonl holds claims the way a model writes them: paraphrases of what an article
says (supported) and plausible claims it does not make, or true claims cited to the wrong article
(unsupported). Figures are left out: the guard checks those separately and exactly. Each claim is
scored against its whole article with all-MiniLM-L6-v2, and the script prints both measures and how
many claims each pair of thresholds would pass.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant import Assistant, Settings
from assistant.answering.guard import MIN_COSINE, MIN_LEXICAL, Guard
from assistant.answering.prompts import Source

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Print the measures per claim and the pass counts per threshold pair."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", type=Path, default=ROOT / "evals" / "guard_pairs.jsonl")
    parser.add_argument("--work", type=Path, default=Path("/tmp/policy-assistant-guard"))
    args = parser.parse_args(argv)
    assistant = Assistant(Settings(index_dir=args.work / "index"))
    assistant.ensure_index()
    articles = {a.path: a for a in assistant.index.snapshot().articles.values()}
    rows = []
    for line in args.pairs.read_text(encoding="utf-8").splitlines():
        pair = json.loads(line)
        article = articles[pair["path"]]
        sentences = tuple(s for chunk in article.chunks for s in chunk.sentences)
        guard = Guard([Source(1, article.meta.title or article.path, sentences)], lambda: assistant.embedder)
        support = guard.support(pair["sentence"], [1])
        rows.append((pair["supported"], support.lexical, support.cosine, pair["sentence"]))
    for supported, lexical, cosine, sentence in sorted(rows, key=lambda r: (not r[0], r[2])):
        print(f"{'+' if supported else '-'} lexical {lexical:.2f} cosine {cosine:.2f}  {sentence[:90]}")
    total_good = sum(r[0] for r in rows)
    total_bad = len(rows) - total_good
    print("\nthresholds          supported passed   unsupported passed")
    for lex in (0.5, 0.6, 0.7):
        for cos in (0.5, 0.55, 0.6, 0.65, 0.7):
            good = sum(s and lx >= lex and c >= cos for s, lx, c, _ in rows)
            bad = sum(not s and lx >= lex and c >= cos for s, lx, c, _ in rows)
            mark = "  <- in use" if (lex, cos) == (MIN_LEXICAL, MIN_COSINE) else ""
            print(
                f"lexical {lex:.2f} cos {cos:.2f}   {good:>3}/{total_good}         {bad:>3}/{total_bad}{mark}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
