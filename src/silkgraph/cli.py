"""The command line: thin adapters over silkgraph's library functions.

User mistakes get a one-line message and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from silkgraph.config import Settings, get_settings, with_overrides
from silkgraph.errors import SilkgraphError

app = typer.Typer(
    help="silkgraph: news about cross-border economic cooperation, as a sourced knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
judge_app = typer.Typer(help="Confirm, split or undo merges (judgements).", no_args_is_help=True)
app.add_typer(judge_app, name="judge")
err = Console(stderr=True)
out = Console()

F = TypeVar("F", bound=Callable[..., Any])

# Options default to None: the settings (SILKGRAPH_* variables, then built-in defaults)
# fill in what the command line leaves out.
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLite file or postgresql:// URL [SILKGRAPH_DB; default: silkgraph.db].",
        show_default=False,
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="spaCy model name or path [SILKGRAPH_MODEL; default: best installed].",
        show_default=False,
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(help="Extraction processes [SILKGRAPH_WORKERS; default: 1].", show_default=False),
]
EvalDataOption = Annotated[
    Path | None,
    typer.Option(
        help="Folder with the evaluation data sets [SILKGRAPH_EVAL_DATA; default: ../shared/eval].",
        show_default=False,
    ),
]


@app.callback()
def _start(
    ctx: typer.Context,
    verbose: Annotated[
        int,
        typer.Option(
            "--verbose",
            "-v",
            count=True,
            help="Say what each stage does (counts, times, skipped items, merges); -vv for "
            "every item.",
        ),
    ] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
) -> None:
    """Build the settings once, from the SILKGRAPH_* variables and these options."""
    if verbose and quiet:
        _fail("use --verbose or --quiet, not both")
    level = "ERROR" if quiet else {0: None, 1: "INFO"}.get(verbose, "DEBUG")
    settings = get_settings(log=level)
    logging.basicConfig(
        level=settings.log_level,
        format="%(levelname)s %(name)s: %(message)s",
        force=True,
    )
    ctx.obj = settings


def _settings(ctx: typer.Context, **overrides: object) -> Settings:
    """The run's settings (made by ``_start``) with this command's options on top; an
    option left out (None) keeps the setting."""
    base = ctx.find_root().obj
    if not isinstance(base, Settings):
        base = get_settings()
    return with_overrides(base, **overrides)


def _say(settings: Settings, message: str) -> None:
    """A line for the user on stderr, left out with --quiet."""
    if settings.log_level < logging.ERROR:
        err.print(message, highlight=False, soft_wrap=True)


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _check_encoding(encoding: str) -> None:
    """Fail fast on an encoding Python does not know, before any file is read."""
    import codecs

    try:
        codecs.lookup(encoding)
    except LookupError:
        _fail(f"unknown encoding {encoding!r}: use a Python codec name such as cp1251 or latin-1")


def _engine(settings: Settings, finish: bool = True) -> Any:
    """Open the store; with ``finish``, first finish a resolution an earlier run left behind."""
    from silkgraph.engine import Engine
    from silkgraph.store import summaries

    try:
        engine = Engine(settings=settings)
    except SilkgraphError as e:
        _fail(str(e))
    if finish:
        try:
            if engine.resolution_behind():
                _say(settings, "resolving: the store's resolution is behind its extractions")
                engine.resolve()
            if summaries.ensure(engine.store):
                err.print("built the page summaries this version of the store reads")
        except SilkgraphError as e:
            engine.close()
            _fail(str(e))
    return engine


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal or logging.getLogger().level >= logging.ERROR,
    )


def _run_ingest(engine: Any, paths: list[Path], encoding: str) -> Any:
    """Engine.ingest with a progress bar on stderr."""
    with _progress() as bar:
        task = bar.add_task("extracting", total=None)
        return engine.ingest(
            paths, encoding, progress=lambda n, total: bar.update(task, total=total, advance=n)
        )


def _report_failures(report: Any) -> None:
    for line in report.failed:
        err.print(f"[yellow]skipped:[/yellow] {escape(line)}", highlight=False, soft_wrap=True)


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt, .html, .jsonl).")],
    db: DbOption = None,
    model: ModelOption = None,
    encoding: Annotated[str, typer.Option(help="Text encoding of the inputs.")] = "utf-8",
    workers: WorkersOption = None,
    engine_name: Annotated[
        str | None,
        typer.Option(
            "--engine",
            help="Where extraction runs: local or ray [SILKGRAPH_EXECUTOR; default: local].",
            show_default=False,
        ),
    ] = None,
    address: Annotated[
        str | None, typer.Option(help="Ray cluster address [SILKGRAPH_RAY_ADDRESS].")
    ] = None,
) -> None:
    """Read articles into the store, extract their facts and resolve the corpus."""
    if engine_name not in (None, "local", "ray"):
        _fail(f"unknown engine {engine_name!r}: use local or ray")
    _check_encoding(encoding)
    settings = _settings(
        ctx, db=db, model=model, workers=workers, executor=engine_name, ray_address=address
    )
    # The ingest finishes a lagging resolution itself, after its own extraction.
    engine = _engine(settings, finish=False)
    try:
        report = _run_ingest(engine, paths, encoding)
    except SilkgraphError as e:
        _fail(str(e))
    finally:
        engine.close()
    _report_failures(report)
    _say(
        settings,
        f"added {report.added}, updated {report.updated}, already stored {report.duplicates}, "
        f"extracted {report.extracted}, failed {len(report.failed)}",
    )
    if report.not_extracted:
        _say(settings, report.extraction_summary())
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def extract(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to read.")],
    model: ModelOption = None,
    encoding: Annotated[str, typer.Option(help="Text encoding of the inputs.")] = "utf-8",
    workers: WorkersOption = None,
) -> None:
    """Run the whole pipeline in a temporary store and print contract JSON Lines to stdout."""
    _check_encoding(encoding)
    with tempfile.TemporaryDirectory(prefix="silkgraph-") as tmp:
        settings = _settings(ctx, db=os.path.join(tmp, "extract.db"), model=model, workers=workers)
        engine = _engine(settings)
        try:
            report = _run_ingest(engine, paths, encoding)
            for record in engine.records():
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        except SilkgraphError as e:
            _fail(str(e))
        finally:
            engine.close()
    _report_failures(report)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def resolve(ctx: typer.Context, db: DbOption = None) -> None:
    """Re-run entity resolution and event clustering over the whole store."""
    settings = _settings(ctx, db=db)
    engine = _engine(settings, finish=False)
    try:
        rep = engine.resolve()
    except SilkgraphError as e:
        _fail(str(e))
    finally:
        engine.close()
    _say(
        settings,
        f"{rep.doc_entities} document entities -> {rep.entities} entities; "
        f"{rep.doc_events} reports -> {rep.events} events; "
        f"{rep.to_review} event merges to review",
    )


@app.command()
def export(
    ctx: typer.Context,
    db: DbOption = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="jsonl, csv, graphml, gexf, ftm or plover.")
    ] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File or folder (csv); default stdout.")
    ] = None,
) -> None:
    """Export the store: contract JSON Lines, CSV tables, a graph, FtM entities or PLOVER."""
    from silkgraph.export import EXPORTERS
    from silkgraph.export import export as write

    if fmt not in EXPORTERS:
        _fail(f"unknown format {fmt!r}: use one of {', '.join(EXPORTERS)}")
    engine = _engine(_settings(ctx, db=db))
    try:
        write(engine.store, fmt, output)
    except SilkgraphError as e:
        _fail(str(e))
    finally:
        engine.close()


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words to find in articles and names.")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="Results per kind.")] = 10,
) -> None:
    """Full-text search over article text and entity names."""
    from silkgraph import query as q

    engine = _engine(_settings(ctx, db=db))
    try:
        res = q.search(engine.store, query, limit=limit)
    finally:
        engine.close()
    table = Table("kind", "id", "name / title", "match")
    for ent in res["entities"]:
        table.add_row("entity", ent["id"], ent["name"], ent["type"])
    docs = res["documents"]
    docs = docs["items"] if isinstance(docs, dict) else docs  # a page of results
    for doc in docs:
        table.add_row("article", doc["id"], doc.get("title") or "", doc.get("snippet") or "")
    if not res["entities"] and not docs:
        err.print(f"nothing matches {query!r}")
        raise typer.Exit(1)
    out.print(table)


@app.command()
def stats(ctx: typer.Context, db: DbOption = None) -> None:
    """Counts of documents, extractions, entities, events and judgements."""
    engine = _engine(_settings(ctx, db=db))
    try:
        counts = engine.store.counts()
    finally:
        engine.close()
    for k, v in counts.items():
        out.print(f"{k:<14}{v:>8}")


@app.command()
def serve(
    ctx: typer.Context,
    db: DbOption = None,
    host: Annotated[
        str | None,
        typer.Option(
            help="Interface to bind [SILKGRAPH_HOST; default: 127.0.0.1].", show_default=False
        ),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(help="Port [SILKGRAPH_PORT; default: 8000].", show_default=False),
    ] = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="A host name clients use to reach the server (repeatable). Loopback names "
            "and --host are always served; requests naming any other host get 400.",
        ),
    ] = None,
    public_read: Annotated[
        bool | None,
        typer.Option(
            "--public-read",
            help="Allow a non-loopback --host without SILKGRAPH_TOKEN: anyone who can reach "
            "the server reads the corpus; writes stay off without the token "
            "[SILKGRAPH_PUBLIC_READ].",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Serve the web UI and the HTTP API (OpenAPI docs at /docs)."""
    import uvicorn

    from silkgraph.api.app import create_app
    from silkgraph.api.middleware import is_loopback

    settings = _settings(ctx, db=db, host=host, port=port, public_read=public_read)
    if allowed_host:
        settings.allowed_hosts = [*settings.allowed_hosts, *allowed_host]
    db, host, port = settings.db, settings.host, settings.port
    if not is_loopback(host) and not settings.token and not settings.public_read:
        _fail(
            f"refusing to serve on {host} without a token: anyone on the network could read "
            "the corpus; set SILKGRAPH_TOKEN, pass --public-read, or bind 127.0.0.1"
        )
    _engine(settings).close()  # finish a resolution an earlier run left behind
    try:
        application = create_app(settings)
    except SilkgraphError as e:
        _fail(str(e))
    if not is_loopback(host):
        writes = "writes need the token" if settings.token else "writes are off (no token)"
        _say(settings, f"note: reads are open to anyone who can reach {host}:{port}; {writes}")
        if not settings.allowed_hosts and host in ("0.0.0.0", "::"):
            _say(settings, "note: only loopback host names are served; add --allowed-host NAME")
    _say(settings, f"serving {db} at http://{host}:{port}")
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command("eval")
def eval_(
    ctx: typer.Context,
    tasks: Annotated[list[str] | None, typer.Argument(help="Tasks to run (default: all).")] = None,
    data: EvalDataOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    check_floors: Annotated[
        bool,
        typer.Option(
            "--check-floors",
            help="Exit 1 when a figure drops below its floor, or a task's data is not the data "
            "its floors were measured on (checked first).",
        ),
    ] = False,
    update_baseline: Annotated[
        bool,
        typer.Option(
            "--update-baseline",
            help="Record the figures and data checksums of the tasks run in the eval baseline "
            "(floors stay), then check the floors.",
        ),
    ] = False,
    baseline_file: Annotated[
        Path | None,
        typer.Option("--baseline", help="Eval baseline file (default: the one silkgraph ships)."),
    ] = None,
    cv: Annotated[
        int,
        typer.Option(
            "--cv",
            help="Cross-validate the learned components over the development set in this "
            "many folds split by topic group (rules alone, in-sample, out-of-fold).",
        ),
    ] = 0,
    renamed: Annotated[
        bool,
        typer.Option(
            "--renamed",
            help="Grade the development set as written, with every person renamed and with "
            "every town but the biggest renamed, in text and gold alike (shipped models): "
            "what extraction owes to known names.",
        ),
    ] = False,
    articles: Annotated[
        Path | None,
        typer.Option(
            "--articles",
            help="Grade the articles of this folder (files as the development set's: a "
            "header, a line '----', the text) against --gold with the shipped models.",
        ),
    ] = None,
    gold: Annotated[
        Path | None,
        typer.Option("--gold", help="Gold JSON Lines for --articles, in the contract's shape."),
    ] = None,
    keep: Annotated[
        Path | None,
        typer.Option("--keep", help="With --articles: also write the graded export here."),
    ] = None,
) -> None:
    """Run the external benchmarks and print P/R/F1 (or accuracy) per task."""
    from silkgraph.evals import TASKS, baseline, check, run_tasks, stale_data
    from silkgraph.evals import update_baseline as record

    data = _settings(ctx, eval_data=data).eval_data
    if cv:
        _cross_validate(data, cv, as_json)
        return
    if renamed:
        _renamed(data, as_json)
        return
    if articles is not None or gold is not None:
        if articles is not None and gold is not None:
            _grade_folder(articles, gold, data, keep, as_json)
        else:
            _fail("--articles and --gold go together")
        return

    chosen = tasks or list(TASKS)
    unknown = [t for t in chosen if t not in TASKS]
    if unknown:
        _fail(f"unknown task {', '.join(unknown)}: choose from {', '.join(TASKS)}")
    if not data.is_dir():
        _fail(f"{data} is not a folder of evaluation data (set --data)")
    path = baseline_file or baseline.BASELINE
    try:
        base = baseline.load(path)
    except SilkgraphError as e:
        _fail(str(e))
    if check_floors and not update_baseline:
        # Floors measured on other data say nothing: stop before the minutes of running.
        stale = stale_data(chosen, data, base)
        for line in stale:
            err.print(f"[red]data changed:[/red] {escape(line)}", highlight=False, soft_wrap=True)
        if stale:
            raise typer.Exit(1)
    results = run_tasks(chosen, data)
    if as_json:
        out.print_json(json.dumps(results))
    else:
        for task, figures in results.items():
            out.print(f"[bold]{task}[/bold]")
            for k, v in figures.items():
                if isinstance(v, dict):
                    # A sub-task: its scalar figures on one line (P/R/F1, accuracy, counts).
                    flat = "  ".join(
                        f"{name} {value}"
                        for name, value in v.items()
                        if not isinstance(value, (dict, list))
                    )
                    out.print(f"  {k:<28}{flat}", soft_wrap=True)
                elif not isinstance(v, list):
                    out.print(f"  {k:<28}{v}")
    if update_baseline:
        try:
            updated = record(results, data, path)
        except SilkgraphError as e:
            _fail(str(e))
        done = ", ".join(updated) or "no task (none run has floors)"
        err.print(f"updated {escape(str(path))}: figures and data checksums of {done}")
        base = baseline.load(path)
    if check_floors or update_baseline:
        failures = check(results, base)
        for line in failures:
            err.print(f"[red]below floor:[/red] {line}")
        if failures:
            raise typer.Exit(1)


CV_SECTIONS = (
    "entities",
    "amounts",
    "quantities",
    "commodities",
    "roles",
    "events",
    "xdoc_entities",
    "xdoc_events",
)


def _renamed(data: Path, as_json: bool) -> None:
    from silkgraph.train import renamed_probe

    articles, gold = data.parent / "dev" / "articles", data / "gold" / "dev.jsonl"
    if not articles.is_dir() or not gold.is_file():
        _fail(f"no development set at {articles} with gold {gold} (set --data)")
    try:
        results = renamed_probe(articles, gold)
    except SilkgraphError as e:
        _fail(str(e))
    if as_json:
        out.print_json(json.dumps(results))
        return
    table = Table(
        "section",
        "as written",
        "persons renamed",
        "towns renamed",
        caption="F1 (event args: accuracy), shipped models; every person, or every town but "
        "the biggest, given an invented name in text and gold alike (change in brackets)",
    )
    before = results["as_written"]
    for section in (*CV_SECTIONS, "event_args", "mean"):
        a = _figure(before.get(section))
        if a is None:
            continue
        cells = [f"{a:.3f}"]
        for name in ("renamed", "towns_renamed"):
            b = _figure(results[name].get(section))
            cells.append("" if b is None else f"{b:.3f} ({b - a:+.3f})")
        table.add_row(section, *cells)
    out.print(table)


def _grade_folder(articles: Path, gold: Path, data: Path, keep: Path | None, as_json: bool) -> None:
    from silkgraph.train import grade_folder

    scorer = data / "score.py"
    if not scorer.is_file():
        _fail(f"no contract scorer at {scorer} (set --data)")
    try:
        results = grade_folder(articles, gold, scorer, keep)
    except SilkgraphError as e:
        _fail(str(e))
    if as_json:
        out.print_json(json.dumps(results))
        return
    table = Table(
        "section",
        "P",
        "R",
        "F1",
        caption=f"{articles}: shipped models, graded by the contract's scorer against {gold}",
    )
    for section in CV_SECTIONS:
        fig = results.get(section)
        if isinstance(fig, dict) and "f1" in fig:
            table.add_row(section, f"{fig['p']:.3f}", f"{fig['r']:.3f}", f"{fig['f1']:.3f}")
    args = _figure(results.get("event_args"))
    if args is not None:
        table.add_row("event_args (accuracy)", "", "", f"{args:.3f}")
    mean = _figure(results.get("mean"))
    if mean is not None:
        table.add_row("mean", "", "", f"{mean:.3f}")
    out.print(table)


def _figure(value: Any) -> float | None:
    """A section's F1, an accuracy, or a plain figure."""
    if isinstance(value, dict):
        value = value.get("f1", value.get("acc"))
    return float(value) if isinstance(value, (int, float)) else None


def _cross_validate(data: Path, k: int, as_json: bool) -> None:
    from silkgraph.train import cross_validate

    articles, gold = data.parent / "dev" / "articles", data / "gold" / "dev.jsonl"
    if k < 2:
        _fail("--cv needs at least 2 folds")
    if not articles.is_dir() or not gold.is_file():
        _fail(f"no development set at {articles} with gold {gold} (set --data)")
    try:
        results = cross_validate(articles, gold, k)
    except SilkgraphError as e:
        _fail(str(e))
    if as_json:
        out.print_json(json.dumps(results))
        return
    short = {
        "rules": "rules",
        "in_sample": "in",
        "out_of_fold": "oof",
        "in_sample+pairs": "in+pairs",
        "out_of_fold+pairs": "oof+pairs",
    }
    table = Table(
        "section",
        *(short.get(k, k) for k in results),
        caption="F1 (event args: accuracy). rules: no learned part; in: trained on every "
        "article; oof: each fold graded by models trained on the others; +pairs: with the "
        "learned event pair weights",
    )
    for section in CV_SECTIONS:
        table.add_row(section, *(f"{r[section]['f1']:.3f}" for r in results.values()))
    table.add_row("event args", *(f"{r['event_args']['acc']:.3f}" for r in results.values()))
    table.add_row("mean", *(f"{r['mean']:.3f}" for r in results.values()))
    out.print(table)


@app.command()
def train(
    ctx: typer.Context,
    data: EvalDataOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Where to write the trigger model (pairs go beside it)."
        ),
    ] = None,
    ecbplus: Annotated[
        bool,
        typer.Option(
            "--ecbplus",
            help="Rebuild only the ECB+ evaluation's event pair scorer, from the ECB+ "
            "training and dev topics (-o: where to write it).",
        ),
    ] = False,
) -> None:
    """Rebuild the learned models (event triggers, event pairs) from the development gold."""
    from silkgraph.extract.triggers import MODEL_PATH
    from silkgraph.train import train as fit_model

    data = _settings(ctx, eval_data=data).eval_data
    if ecbplus:
        _train_ecbplus(data / "ecbplus", output)
        return
    articles, gold = data.parent / "dev" / "articles", data / "gold" / "dev.jsonl"
    if not articles.is_dir() or not gold.is_file():
        _fail(f"no development set at {articles} with gold {gold} (set --data)")
    try:
        model, pairs = fit_model(
            articles,
            gold,
            output or MODEL_PATH,
            (output.parent / "event_pairs.json") if output else None,
        )
    except SilkgraphError as e:
        _fail(str(e))
    err.print(
        f"trigger model {model.version}: {model.meta.get('n')} words from "
        f"{model.meta.get('articles')} articles -> {output or MODEL_PATH}",
        soft_wrap=True,
    )
    err.print(
        f"event pair model: {pairs.meta.get('pairs')} report pairs, "
        f"{pairs.meta.get('positives')} of one event",
        soft_wrap=True,
    )


def _train_ecbplus(folder: Path, output: Path | None) -> None:
    from silkgraph.evals.ecbplus_pairs import MODEL_PATH
    from silkgraph.train import train_ecbplus

    if not (folder / "ECBplus_corpus.zip").is_file():
        _fail(f"no ECB+ corpus at {folder} (set --data)")
    try:
        scorer = train_ecbplus(folder, output)
    except SilkgraphError as e:
        _fail(str(e))
    err.print(
        f"ECB+ pair scorer: {scorer.meta.get('pairs')} mention pairs, story {scorer.story}, "
        f"link {scorer.link}, out-of-fold CoNLL F1 {scorer.meta.get('cv_conll_f1')} "
        f"-> {output or MODEL_PATH}",
        soft_wrap=True,
    )


KindOption = Annotated[str, typer.Option(help="entity or event.")]


@judge_app.command("list")
def judge_list(
    ctx: typer.Context,
    db: DbOption = None,
    kind: KindOption = "entity",
    verdict: Annotated[str | None, typer.Option(help="positive, negative or unsure.")] = "unsure",
) -> None:
    """List judgements (by default the machine's unsure ones: the review queue).

    For events, the unsure ones are merges made with a low pair probability that still
    stand; the score is that probability.
    """
    if kind not in ("entity", "event"):
        _fail(f"unknown kind {kind!r}: use entity or event")
    engine = _engine(_settings(ctx, db=db))
    try:
        rows = [
            j
            for j in engine.store.list_judgements(kind)
            if verdict is None or j.judgement == verdict
        ]
        if kind == "event" and verdict == "unsure":
            links = engine.store.event_links()
            rows = [j for j in rows if _same_event(links, j.left_id, j.right_id)]
    finally:
        engine.close()
    table = Table("left", "right", "judgement", "score", "by")
    for j in rows:
        table.add_row(j.left_id, j.right_id, j.judgement, f"{j.score or 0:.2f}", j.author)
    out.print(table)


def _same_event(links: dict[tuple[str, str], str], left: str, right: str) -> bool:
    """Whether two reports (DOC#KEY) are in one event now."""
    a = links.get(_report_key(left))
    return a is not None and a == links.get(_report_key(right))


def _report_key(item: str) -> tuple[str, str]:
    doc_id, _, key = item.partition("#")
    return doc_id, key


def _judge(settings: Settings, left: str, right: str, verdict: str, kind: str, author: str) -> None:
    from silkgraph.resolve.judgements import judge

    engine = _engine(settings)
    try:
        judge(engine.store, kind, left, right, verdict, author)
        engine.resolve()
    except SilkgraphError as e:
        _fail(str(e))
    finally:
        engine.close()
    _say(settings, f"recorded {verdict} judgement {left} ~ {right}; resolution re-run")


@judge_app.command("confirm")
def judge_confirm(
    ctx: typer.Context,
    left: str,
    right: str,
    db: DbOption = None,
    kind: KindOption = "entity",
    author: str = "analyst",
) -> None:
    """Confirm that two document items (DOC#KEY) are the same thing; it holds in every re-run."""
    _judge(_settings(ctx, db=db), left, right, "positive", kind, author)


@judge_app.command("split")
def judge_split(
    ctx: typer.Context,
    left: str,
    right: str,
    db: DbOption = None,
    kind: KindOption = "entity",
    author: str = "analyst",
) -> None:
    """Record that two document items (DOC#KEY) are different things; no re-run joins them."""
    _judge(_settings(ctx, db=db), left, right, "negative", kind, author)


@judge_app.command("detach")
def judge_detach(
    ctx: typer.Context,
    report: Annotated[str, typer.Argument(help="The event report, DOC#KEY.")],
    db: DbOption = None,
    author: str = "analyst",
) -> None:
    """Take one report out of its event (a split from each of the event's other reports)."""
    from silkgraph.resolve.judgements import detach

    settings = _settings(ctx, db=db)
    engine = _engine(settings)
    try:
        made = detach(engine.store, report, author)
        engine.resolve()
    except SilkgraphError as e:
        _fail(str(e))
    finally:
        engine.close()
    _say(settings, f"{report} split from {len(made)} reports; resolution re-run")


@judge_app.command("undo")
def judge_undo(
    ctx: typer.Context,
    left: str,
    right: Annotated[
        str | None, typer.Argument(help="Without it: every judgement on LEFT.")
    ] = None,
    db: DbOption = None,
    kind: KindOption = "entity",
) -> None:
    """Remove a judgement, returning the pair to the machine's decision."""
    from silkgraph.resolve.judgements import undo

    settings = _settings(ctx, db=db)
    engine = _engine(settings)
    try:
        found = undo(engine.store, kind, left, right)
        if found:
            engine.resolve()
    finally:
        engine.close()
    if not found:
        _fail(f"no judgement on {left}" + (f" and {right}" if right else ""))
    _say(settings, f"{found} judgement{'s' if found != 1 else ''} removed; resolution re-run")


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def main() -> None:
    """Entry point: a user mistake ends in one line on stderr and exit 1, never a traceback."""
    try:
        app()
    except SilkgraphError as e:
        err.print(f"[red]error:[/red] {escape(_one_line(e))}", highlight=False, soft_wrap=True)
        sys.exit(1)
    except OSError as e:  # a path named on the command line cannot be read or written
        where = f"{e.filename}: " if getattr(e, "filename", None) else ""
        err.print(
            f"[red]error:[/red] {escape(where + (e.strerror or _one_line(e)))}",
            highlight=False,
            soft_wrap=True,
        )
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted; what was stored so far is kept")
        sys.exit(130)


if __name__ == "__main__":
    main()
