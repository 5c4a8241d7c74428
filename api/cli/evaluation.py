"""`vn-cascade eval`: the parser's precision, recall and F1 per field against a gold corpus."""

from __future__ import annotations

import json
from pathlib import Path

import click

from loaders.evaluation import FIELDS, Report, evaluate


def _table(report: Report) -> str:
    refused = [d for d in report.documents if d.refused]
    lines = [
        f"{report.label}: {len(report.documents)} documents, {len(refused)} refused",
        f"{'field':15} {'precision':>9} {'recall':>7} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}",
    ]
    for name, s in report.scores().items():
        lines.append(f"{name:15} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}")
    for doc in refused:
        lines.append(f"refused: {doc.refused}")
    return "\n".join(lines)


def _details(report: Report) -> str:
    lines: list[str] = []
    for doc in report.documents:
        lines.append(f"== {doc.name}")
        for name in FIELDS:
            missed, extra = doc.misses(name)
            for k in missed:
                lines.append(f"  {name:13} missed {k}")
            for k in extra:
                lines.append(f"  {name:13} extra  {k}")
    return "\n".join(lines)


def _json(report: Report) -> dict[str, object]:
    return {
        "corpus": report.label,
        "documents": len(report.documents),
        "refused": [d.refused for d in report.documents if d.refused],
        "fields": {
            name: {
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
            }
            for name, s in report.scores().items()
        },
    }


@click.command("eval")
@click.argument("folders", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--details", is_flag=True, help="Also list, per document, every gold fact missed and every extra one.")
def eval_cmd(folders: tuple[Path, ...], fmt: str, details: bool) -> None:
    """Score the parser on gold corpora (each FOLDER apart): precision, recall and F1 per field."""
    reports = [evaluate(folder) for folder in folders]
    if fmt == "json":
        click.echo(json.dumps([_json(r) for r in reports], ensure_ascii=False, indent=2))
        return
    for report in reports:
        click.echo(_table(report))
        if details:
            click.echo(_details(report))
        click.echo()
