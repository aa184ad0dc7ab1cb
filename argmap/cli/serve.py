"""``argmap serve`` (the REST API under uvicorn) and ``argmap keys create/list/revoke`` (its API keys).

The library never imports the REST service (an import-linter contract); this launcher loads the
``argmap_api`` package (the repository's ``api/`` folder) by name, when a command runs, and says which extra to install when it is missing.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Annotated, Any

import typer

from argmap.cli._app import CliUsageError, app, console, err_console, user_errors
from argmap.errors import ArgmapError

Settings = Any  # api.settings.Settings, loaded by name
Store = Any  # api.store.Store, loaded by name


def _api_dependency(name: str) -> ModuleType:
    """A package of the 'api' extra, or a clear error naming the extra to install."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError:
        raise ArgmapError(f"the REST API needs the 'api' extra ({name} is missing): pip install 'argmap[api]'") from None


def _api(module: str) -> ModuleType:
    """``argmap_api.<module>``, or a clear error naming the extra to install."""
    try:
        return importlib.import_module(f"argmap_api.{module}")
    except ModuleNotFoundError as exc:  # pragma: no cover - depends on the install
        raise ArgmapError(f"the REST API needs the 'api' extra ({exc.name} is missing): pip install 'argmap[api]'") from None


keys_app = typer.Typer(help="API keys of the REST service: make, list and revoke them.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")

DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url", help="SQLAlchemy URL of the store (default: ARGMAP_DATABASE_URL, else a SQLite file in ~/.local/share/argmap)."
    ),
]


def _settings(database_url: str | None, **changes: Any) -> Settings:
    if database_url:
        _check_database(database_url, "--database-url")  # a usage error, said even without the 'api' extra
    settings_class = _api("settings").Settings
    values = {k: v for k, v in changes.items() if v is not None}
    if database_url:
        values["database_url"] = database_url
    try:
        settings = settings_class(**values)
    except ValueError as exc:  # pydantic's ValidationError: say which setting and why
        errors = exc.errors() if hasattr(exc, "errors") else [{"loc": (), "msg": str(exc)}]
        detail = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in errors)
        raise ArgmapError(f"invalid setting: {detail}") from None
    if not database_url:
        _check_database(settings.database_url, "ARGMAP_DATABASE_URL")
    return settings


_DATABASES = "use sqlite:///path/to/file.db or postgresql+psycopg://user@host/db"


def _check_database(url: str, given_by: str) -> None:
    """Only SQLite and PostgreSQL stores are supported: another URL is refused by name, before any driver is looked for.

    On the command line (``--database-url``) that is a usage error (exit 2); from ``ARGMAP_DATABASE_URL``, exit 1.
    """
    error = CliUsageError if given_by.startswith("--") else ArgmapError
    scheme, sep, _ = url.partition("://")
    if not sep or not scheme:
        raise error(f"{given_by}: {url!r} is not a database URL; {_DATABASES}")
    backend = scheme.split("+", 1)[0].lower()
    if backend not in ("sqlite", "postgresql"):
        raise error(f"{given_by}: only SQLite and PostgreSQL are supported, not {backend!r}; {_DATABASES}")


def _check_port(host: str, port: int) -> None:
    """Fail with one line, before anything is printed or made, when ``host:port`` cannot be listened on (as uvicorn binds it)."""
    import errno
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except socket.gaierror as exc:
            raise ArgmapError(f"--host {host}: {exc.strerror or exc}; give an address of this machine (127.0.0.1, 0.0.0.0)") from None
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ArgmapError(f"port {port} on {host} is already in use (another server?); choose another with --port") from None
            if exc.errno == errno.EACCES:
                raise ArgmapError(f"no permission to listen on port {port}; choose a port above 1023 with --port") from None
            raise ArgmapError(f"cannot listen on {host} port {port}: {exc.strerror or exc}; check --host and --port") from None


def _store(settings: Settings) -> Store:
    try:
        return _api("app").open_store(settings)
    except ArgmapError:
        raise
    except Exception as exc:  # noqa: BLE001 - a database that cannot be opened is a user error here
        raise ArgmapError(f"cannot open the database {settings.database_url!r}: {type(exc).__name__}: {exc}".splitlines()[0]) from None


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    database_url: DatabaseUrl = None,
    auth: Annotated[
        str | None, typer.Option(metavar="on|off", help="'off' makes every caller the one local user (development only).")
    ] = None,
    workers: Annotated[int, typer.Option(help="Worker processes (each has its own caches; share a PostgreSQL store).", min=1)] = 1,
) -> None:
    """Run the REST API (docs at /docs). On first start it makes the store and prints a first API key."""
    with user_errors():
        if auth is not None and auth not in ("on", "off"):
            raise CliUsageError(f"--auth must be 'on' or 'off', not '{auth}'")
        uvicorn = _api_dependency("uvicorn")
        settings = _settings(database_url, auth=auth)
        _check_port(host, port)  # a busy port is one line, before the banner, the store or a first key
        store = _store(settings)
        url = f"http://{host if ':' not in host else f'[{host}]'}:{port}"
        err_console.print(f"argmap API on [bold]{url}[/]  (interactive docs: {url}/docs)", markup=True, soft_wrap=True)
        err_console.print(f"database: {store.url.render_as_string(hide_password=True)}", markup=False, soft_wrap=True)
        if settings.auth == "off":
            err_console.print(
                f"auth is off: every caller acts as '{settings.local_owner}'. Do not expose this server.", markup=False, soft_wrap=True
            )
        elif store.count_keys() == 0:
            key, token = store.create_key("local", name="first key, made by argmap serve")
            err_console.print("No API keys yet, so here is one for owner 'local' (shown once; keep it):", markup=False, soft_wrap=True)
            err_console.print(f"  export ARGMAP_KEY={token}", markup=False, soft_wrap=True)
            err_console.print(f'  curl -H "Authorization: Bearer $ARGMAP_KEY" {url}/maps', markup=False, soft_wrap=True)
            err_console.print(f"More keys: argmap keys create OWNER   (this one's id: {key.id})", markup=False, soft_wrap=True)
        store.dispose()
    options = {**UVICORN_OPTIONS, "http": _api("protocol").IdleClosingH11Protocol}
    if workers > 1:
        import os

        os.environ["ARGMAP_DATABASE_URL"] = settings.database_url
        os.environ["ARGMAP_AUTH"] = settings.auth
        uvicorn.run("argmap_api.app:app", host=host, port=port, workers=workers, **options)
    else:
        uvicorn.run(_api("app").create_app(settings), host=host, port=port, **options)


# Connection limits (docs/api.md, "Security"): an idle socket (kept alive, or never used) is closed after 5 s, a request's
# headers may be at most 16 KiB, a body must arrive within ARGMAP_BODY_TIMEOUT (the app answers 408),
# SIGTERM waits at most 10 s for requests in flight, and no `server` header names the software.
UVICORN_OPTIONS: dict[str, Any] = {
    "log_level": "warning",
    "server_header": False,
    "timeout_keep_alive": 5,
    "timeout_graceful_shutdown": 10,
    "h11_max_incomplete_event_size": 16 * 1024,
    "limit_concurrency": 1000,
}


db_app = typer.Typer(help="The REST service's database: bring its schema up to date.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade(database_url: DatabaseUrl = None) -> None:
    """Bring the store's schema up to the newest version (alembic ``upgrade head``; ``argmap serve`` does it on start too).

    Works wherever argmap is installed with the 'api' extra: the migrations ship inside the package.
    """
    with user_errors():
        settings = _settings(database_url)
        migrate = _api("migrate")
        try:
            store = _api("store").Store(settings.database_url)
        except ArgmapError:
            raise
        except Exception as exc:  # noqa: BLE001 - a URL that cannot be used is a user error here
            raise ArgmapError(f"cannot open the database {settings.database_url!r}: {type(exc).__name__}: {exc}".splitlines()[0]) from None
        try:
            migrate.upgrade(store.engine)
            revision = _revision(store.engine)
        except Exception as exc:  # noqa: BLE001 - an unreachable or refusing database: one line, not a traceback
            raise ArgmapError(f"cannot upgrade the database {_shown(store)}: {type(exc).__name__}: {exc}".splitlines()[0]) from None
        finally:
            store.dispose()
    console.print(f"database {_shown(store)}: schema up to date (revision {revision})", markup=False, soft_wrap=True)


def _shown(store: Store) -> str:
    return str(store.url.render_as_string(hide_password=True))


def _revision(engine: Any) -> str:
    """The schema revision the database is at now."""
    migration = _api_dependency("alembic.migration")
    with engine.connect() as conn:
        return str(migration.MigrationContext.configure(conn).get_current_revision())


@keys_app.command("create")
def keys_create(
    owner: Annotated[str, typer.Argument(help="Who the key acts as; maps made with it belong to this owner.")],
    name: Annotated[str | None, typer.Option(help="A note to tell keys apart.")] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Make an API key and print its token (shown only now; the store keeps a hash)."""
    with user_errors():
        store = _store(_settings(database_url))
        key, token = store.create_key(owner, name=name)
        store.dispose()
    err_console.print(f"key {key.id} for owner '{owner}'; the token is shown only now:", markup=False, soft_wrap=True)
    console.print(token, markup=False, soft_wrap=True)


@keys_app.command("list")
def keys_list(
    owner: Annotated[str | None, typer.Option(help="Only this owner's keys.")] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """List API keys (never their tokens)."""
    from rich.table import Table
    from rich.text import Text

    with user_errors():
        store = _store(_settings(database_url))
        keys = store.list_keys(owner=owner)
        store.dispose()
    table = Table("id", "owner", "name", "created", "revoked")
    for k in keys:
        table.add_row(  # Text: names and owners are the user's words, never rich markup ("[/bold]")
            Text(k.id),
            Text(k.owner),
            Text(k.name or ""),
            k.created_at.strftime("%Y-%m-%d %H:%M"),
            k.revoked_at.strftime("%Y-%m-%d %H:%M") if k.revoked_at else "",
        )
    console.print(table)


@keys_app.command("revoke")
def keys_revoke(
    key_id: Annotated[str, typer.Argument(help="The key's id (from `argmap keys list`), not its token.")],
    database_url: DatabaseUrl = None,
) -> None:
    """Revoke an API key; requests with it are refused (401) from now on."""
    with user_errors():
        store = _store(_settings(database_url))
        done = store.revoke_key(key_id)
        store.dispose()
        if not done:
            raise ArgmapError(f"no active key '{key_id}' (see `argmap keys list`)")
    err_console.print(f"revoked key {key_id}", markup=False, soft_wrap=True)
