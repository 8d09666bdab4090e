"""The report's PNG plots: scores by kind of case, and the latency distribution."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.errors import AssistantError

SCORES = {
    "gold_first": "gold first",
    "fact_recall": "fact recall",
    "citation_precision": "citation precision",
    "decline_accuracy": "declined",
    "number_faithfulness": "figures faithful",
}


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError as exc:
        raise AssistantError("the report's plots need matplotlib: pip install -e '.[eval]'") from exc
    matplotlib.use("Agg")  # files only, no display
    import matplotlib.pyplot as plt

    return plt


def draw(report: dict[str, Any], out: Path) -> list[Path]:
    """Write scores_by_kind.png and latency.png into out."""
    plt = _pyplot()
    title = f"{report['pipeline']}, {report['distractors']['n']:,} distractors"
    kinds = list(report["by_kind"])
    width = 0.8 / len(SCORES)
    fig, ax = plt.subplots(figsize=(max(7.5, 1.3 * len(kinds) + 2), 4.0))
    for i, (key, label) in enumerate(SCORES.items()):
        values = [report["by_kind"][k].get(key) for k in kinds]
        xs = [j + (i - len(SCORES) / 2 + 0.5) * width for j in range(len(kinds))]
        ax.bar(xs, [v if v is not None else 0.0 for v in values], width, label=label)
    ax.set_xticks(range(len(kinds)), [f"{k}\n({report['by_kind'][k]['cases']})" for k in kinds])
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("share")
    ax.set_title(f"Scores by kind of case ({title}); missing bars: not measured")
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0))  # beside the bars
    fig.tight_layout()
    scores_png = out / "scores_by_kind.png"
    fig.savefig(scores_png, dpi=100)
    plt.close(fig)

    times = [1000 * c["seconds"] for c in report["cases"]]
    fig, ax = plt.subplots(figsize=(6.0, 3.5))
    ax.hist(times, bins=30)
    for key, style in (("latency_p50_ms", "--"), ("latency_p95_ms", ":")):
        value = report["totals"][key]
        ax.axvline(value, color="black", linestyle=style, label=f"{key[8:11]} {value:.0f} ms")
    ax.set_xlabel("answer latency per case (ms)")
    ax.set_ylabel("cases")
    ax.set_title(f"Latency ({title})")
    ax.legend()
    fig.tight_layout()
    latency_png = out / "latency.png"
    fig.savefig(latency_png, dpi=100)
    plt.close(fig)
    return [scores_png, latency_png]
