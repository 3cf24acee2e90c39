"""``dateline gazetteer``: build the index, import a GeoNames dump, look a name up.

Registered in ``dateline.cli``; heavy imports happen inside the commands.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ...settings import Settings

__all__ = ["gazetteer"]

_INDEX_HELP = "Index file.  [default: $DATELINE_GAZETTEER or <venv>/share/dateline/gazetteer.sqlite]"


def _guard(ctx: click.Context, run: Callable[[], Any]) -> Any:
    from ...cli import _guard as guard  # noqa: PLC0415 - the main CLI's error policy

    return guard(ctx, run)


def _index(index: str | None) -> Path:
    from .index import index_path  # noqa: PLC0415

    return index_path(Settings().with_overrides(gazetteer=index))


@click.group()
def gazetteer() -> None:
    """The offline GeoNames gazetteer used to geocode places (see docs/geocoding.md)."""


@gazetteer.command()
@click.option("--index", help=_INDEX_HELP)
@click.pass_context
def build(ctx: click.Context, index: str | None) -> None:
    """(Re)build the index from the installed packages (no download; about a minute)."""
    from .build import build_index  # noqa: PLC0415

    report = _guard(ctx, lambda: build_index(_index(index)))
    click.echo(f"dateline: gazetteer {report.summary()}", err=True)


@gazetteer.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--index", help=_INDEX_HELP)
@click.option(
    "--classes", default="APL", show_default=True,
    help="GeoNames feature classes to import (A admin, P populated places, L regions, S spots, ...).",
)  # fmt: skip
@click.pass_context
def import_(ctx: click.Context, file: str, index: str | None, classes: str) -> None:
    """Add a GeoNames dump (allCountries.zip, cities500.zip, XX.zip or .txt) to the index."""
    from .importer import import_geonames  # noqa: PLC0415

    report = _guard(ctx, lambda: import_geonames(Path(file), _index(index), classes))
    click.echo(f"dateline: gazetteer import {report.summary()}", err=True)


@gazetteer.command()
@click.argument("name")
@click.option("--index", help=_INDEX_HELP)
@click.option("--limit", type=click.IntRange(1), default=10, show_default=True)
@click.pass_context
def lookup(ctx: click.Context, name: str, index: str | None, limit: int) -> None:
    """Print the candidates for NAME, best prior first, as JSON lines."""
    from .index import load_gazetteer  # noqa: PLC0415
    from .resolver import rank_name  # noqa: PLC0415

    for row in _guard(ctx, lambda: rank_name(load_gazetteer(_index(index)), name)[:limit]):
        click.echo(json.dumps(row, ensure_ascii=False))
