#!/usr/bin/env python3
"""A Neo4j-HTTP-compatible test server that executes Cypher on FalkorDB (redis-server + falkordb.so from PyPI).

For tests only (loopback, no TLS). Started and stopped by `scripts/services/neo4j`.

Speaks:
  GET  /                                   discovery (Neo4j 5.26 shape: `transaction` and `query` URLs)
  POST /db/{db}/query/v2                   Query API v2, implicit transaction, 202
  POST /db/{db}/query/v2/tx                begin (optional first statement), 202 + `transaction{id,expires}`
                                           + `neo4j-cluster-affinity` header
  POST /db/{db}/query/v2/tx/{id}           run one statement in the transaction
  POST /db/{db}/query/v2/tx/{id}/commit    optional statement, then commit
  DELETE /db/{db}/query/v2/tx/{id}         rollback
  POST /db/{db}/tx/commit                  transactional API, implicit (all statements atomic), 200
  POST /db/{db}/tx                         begin, 201 + Location
  POST /db/{db}/tx/{id}                    run statements, 200
  POST /db/{db}/tx/{id}/commit             statements then commit, 200
  DELETE /db/{db}/tx/{id}                  rollback, 200

Encodings follow Neo4j's documented wire formats: Query API plain JSON (self-describing
nodes/relationships, paths as lists, points as WKT, temporals as ISO strings, `counters` when asked); tx API
`row` + `meta` (properties-only entities, nested meta for paths, flattened for lists and maps, GeoJSON points).
Errors: `{"code": "Neo.…", "message": …}`; HTTP 401 for authentication, 404 for unknown databases and
transactions, otherwise 202 (Query API, as Neo4j 5.26) or 200 (tx API) with the error in the body.

KNOWN LIMITS (differences from a real Neo4j 5):
  * Cypher is FalkorDB 4.16's dialect: only the portable subset of the reference behaves like Neo4j. Known
    silent differences: sum() over ints returns a float; doubles travel with 15 significant digits; integer
    overflow wraps; DELETE of a connected node detaches it; map projections with aggregates lose keys.
  * Schema DDL: only `CREATE CONSTRAINT [name] [IF NOT EXISTS] FOR (v:L) REQUIRE v.p IS UNIQUE` and
    `CREATE INDEX [name] [IF NOT EXISTS] FOR (v:L) ON (v.p)` are translated (single property, nodes only);
    they run outside any transaction. DROP/SHOW are not supported.
  * Explicit transactions: a write copies the whole graph (GRAPH.COPY, ~100 ms) and commit renames it back.
    Reads before the first write run on the committed graph (read committed, like Neo4j). Isolation is
    optimistic: committing after another write committed fails with Neo.TransientError.Transaction.Outdated;
    Neo4j would lock rows instead (no deadlocks here). One global lock serialises all statements.
  * EXPLAIN/PROFILE are rejected (FalkorDB would execute the statement). No `graph` result format, no Jolt,
    no typed JSON, fake bookmarks, no impersonation, no access-mode routing, no cluster endpoints.
  * Error messages are FalkorDB's; codes are mapped by pattern (assert on codes only).
  * Only the databases named with --database exist (default `neo4j`); each is one FalkorDB graph key.
"""

import argparse
import base64
import datetime as dt
import json
import re
import secrets
import signal
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import falkordb.query_result as falkor_result
from dateutil.relativedelta import relativedelta
from falkordb import FalkorDB
from falkordb.edge import Edge
from falkordb.node import Node
from falkordb.path import Path

NEO4J_VERSION = "5.26.0"
DB_UUID = "0ea4a108-32c5-498c-99e7-95cc67ab5f7d"
TX_API_TIMEOUT = 30.0
QUERY_API_TIMEOUT = 60.0


class Point:
    def __init__(self, latitude, longitude):
        self.latitude = latitude
        self.longitude = longitude


def _parse_point(value, graph):
    return Point(float(value[0]), float(value[1]))


# The client returns points as plain dicts; make them distinguishable from maps.
falkor_result.PARSE_SCALAR_TYPES[11] = _parse_point


class Neo4jError(Exception):
    def __init__(self, code, message, status=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


ERROR_PATTERNS = [
    (re.compile(r"unique constraint|constraint violation", re.I), "Neo.ClientError.Schema.ConstraintValidationFailed"),
    (re.compile(r"missing parameters|parameter .* not defined", re.I), "Neo.ClientError.Statement.ParameterMissing"),
    (re.compile(r"division by zero", re.I), "Neo.ClientError.Statement.ArithmeticError"),
    (re.compile(r"type mismatch", re.I), "Neo.ClientError.Statement.TypeError"),
    (re.compile(r"timed out|timeout", re.I), "Neo.ClientError.Transaction.TransactionTimedOut"),
    (re.compile(r"invalid input|not defined|unknown function|syntax|errMsg|expected|unexpected|"
                r"already declared|must be|not supported|unsupported|cannot|can't", re.I),
     "Neo.ClientError.Statement.SyntaxError"),
]


def classify(exc):
    text = str(exc)
    for pattern, code in ERROR_PATTERNS:
        if pattern.search(text):
            return Neo4jError(code, text)
    return Neo4jError("Neo.DatabaseError.Statement.ExecutionFailed", text)


# ---------------------------------------------------------------- value encoding

def element_id(kind, ident):
    return f"{kind}:{DB_UUID}:{ident}"


def iso_temporal(value):
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat(), "localdatetime"
    if isinstance(value, dt.date):
        return value.isoformat(), "date"
    if isinstance(value, dt.time):
        return value.replace(tzinfo=None).isoformat(), "localtime"
    if isinstance(value, relativedelta):
        d = value
        return (f"P{d.years}Y{d.months}M{d.days}DT{d.hours}H{d.minutes}M{d.seconds}S"), "duration"
    return None, None


def encode_query(value):
    """Query API plain JSON."""
    if isinstance(value, Node):
        return {"elementId": element_id(4, value.id), "labels": value.labels or [],
                "properties": {k: encode_query(v) for k, v in value.properties.items()}}
    if isinstance(value, Edge):
        return {"elementId": element_id(5, value.id), "startNodeElementId": element_id(4, value.src_node),
                "endNodeElementId": element_id(4, value.dest_node), "type": value.relation,
                "properties": {k: encode_query(v) for k, v in value.properties.items()}}
    if isinstance(value, Path):
        out = []
        nodes, edges = value.nodes(), value.edges()
        for i, node in enumerate(nodes):
            out.append(encode_query(node))
            if i < len(edges):
                out.append(encode_query(edges[i]))
        return out
    if isinstance(value, Point):
        return f"SRID=4326;POINT ({value.longitude} {value.latitude})"
    if isinstance(value, (list, tuple)):
        return [encode_query(v) for v in value]
    if isinstance(value, dict):
        return {k: encode_query(v) for k, v in value.items()}
    text, _ = iso_temporal(value)
    if text is not None:
        return text
    if isinstance(value, float) and value != value:
        return "NaN"
    return value


def encode_row(value):
    """Transactional API `row`: entities as property maps."""
    if isinstance(value, (Node, Edge)):
        return {k: encode_row(v) for k, v in value.properties.items()}
    if isinstance(value, Path):
        out = []
        nodes, edges = value.nodes(), value.edges()
        for i, node in enumerate(nodes):
            out.append(encode_row(node))
            if i < len(edges):
                out.append(encode_row(edges[i]))
        return out
    if isinstance(value, Point):
        return {"type": "Point", "coordinates": [value.longitude, value.latitude],
                "crs": {"srid": 4326, "name": "wgs-84", "type": "link",
                        "properties": {"href": "http://spatialreference.org/ref/epsg/4326/ogcwkt/", "type": "ogcwkt"}}}
    if isinstance(value, (list, tuple)):
        return [encode_row(v) for v in value]
    if isinstance(value, dict):
        return {k: encode_row(v) for k, v in value.items()}
    text, _ = iso_temporal(value)
    if text is not None:
        return text
    return value


def entity_meta(value):
    if isinstance(value, Node):
        return {"id": value.id, "elementId": element_id(4, value.id), "type": "node", "deleted": False}
    return {"id": value.id, "elementId": element_id(5, value.id), "type": "relationship", "deleted": False}


def meta_entries(value):
    """Transactional API `meta` for one value: flattened for lists and maps, nested for paths."""
    if isinstance(value, (Node, Edge)):
        return [entity_meta(value)]
    if isinstance(value, Path):
        nested = []
        nodes, edges = value.nodes(), value.edges()
        for i, node in enumerate(nodes):
            nested.append(entity_meta(node))
            if i < len(edges):
                nested.append(entity_meta(edges[i]))
        return [nested]
    if isinstance(value, Point):
        return [{"type": "point"}]
    if isinstance(value, (list, tuple)):
        return [m for v in value for m in meta_entries(v)]
    if isinstance(value, dict):
        return [m for v in value.values() for m in meta_entries(v)]
    _, kind = iso_temporal(value)
    if kind is not None:
        return [{"type": kind}]
    return [None]


def stats_of(result):
    get = lambda name: int(getattr(result, name, 0) or 0)
    return {
        "nodes_created": get("nodes_created"), "nodes_deleted": get("nodes_deleted"),
        "properties_set": get("properties_set"), "relationships_created": get("relationships_created"),
        "relationship_deleted": get("relationships_deleted"), "labels_added": get("labels_added"),
        "labels_removed": get("labels_removed"), "indexes_added": get("indices_created"),
        "indexes_removed": get("indices_deleted"), "constraints_added": 0, "constraints_removed": 0,
    }


def finish_stats(stats):
    stats["contains_updates"] = any(v for k, v in stats.items() if k != "contains_updates")
    stats["contains_system_updates"] = False
    stats["system_updates"] = 0
    return stats


def camel_counters(stats):
    return {
        "containsUpdates": stats["contains_updates"], "nodesCreated": stats["nodes_created"],
        "nodesDeleted": stats["nodes_deleted"], "propertiesSet": stats["properties_set"],
        "relationshipsCreated": stats["relationships_created"], "relationshipsDeleted": stats["relationship_deleted"],
        "labelsAdded": stats["labels_added"], "labelsRemoved": stats["labels_removed"],
        "indexesAdded": stats["indexes_added"], "indexesRemoved": stats["indexes_removed"],
        "constraintsAdded": stats["constraints_added"], "constraintsRemoved": stats["constraints_removed"],
        "containsSystemUpdates": False, "systemUpdates": 0,
    }


class Outcome:
    def __init__(self, columns, rows, stats):
        self.columns = columns
        self.rows = rows
        self.stats = stats


# ---------------------------------------------------------------- the engine

CONSTRAINT_RE = re.compile(
    r"^\s*CREATE\s+CONSTRAINT\s+(?:(?!IF\b)(?!FOR\b)`?[\w]+`?\s+)?(IF\s+NOT\s+EXISTS\s+)?FOR\s*\(\s*(\w+)\s*:\s*`?(\w+)`?\s*\)"
    r"\s*REQUIRE\s+(\w+)\s*\.\s*`?(\w+)`?\s+IS\s+UNIQUE\s*;?\s*$", re.I | re.S)
INDEX_RE = re.compile(
    r"^\s*CREATE\s+(?:RANGE\s+)?INDEX\s+(?:(?!IF\b)(?!FOR\b)`?[\w]+`?\s+)?(IF\s+NOT\s+EXISTS\s+)?FOR\s*\(\s*(\w+)\s*:\s*`?(\w+)`?\s*\)"
    r"\s*ON\s*\(\s*(\w+)\s*\.\s*`?(\w+)`?\s*\)\s*;?\s*$", re.I | re.S)
READ_ONLY_MESSAGE = "read-only"


class Transaction:
    def __init__(self, engine, db, timeout):
        self.id = secrets.token_urlsafe(6)
        self.db = db
        self.copy_key = None
        self.base_version = None
        self.timeout = timeout
        self.touch()

    def touch(self):
        self.expires_at = time.time() + self.timeout


class Engine:
    def __init__(self, redis_port, databases):
        self.client = FalkorDB(host="127.0.0.1", port=redis_port)
        self.redis = self.client.connection
        self.databases = set(databases)
        self.lock = threading.RLock()
        self.versions = {db: 0 for db in databases}
        self.transactions = {}

    def check_db(self, db):
        if db not in self.databases:
            raise Neo4jError("Neo.ClientError.Database.DatabaseNotFound",
                             f"The database requested does not exists. Requested database name: '{db}'.", 404)

    # -- statements

    def run(self, db, statement, parameters, tx=None):
        """Runs one statement; `tx` None means implicit (atomic on its own)."""
        if re.match(r"^\s*(EXPLAIN|PROFILE)\b", statement, re.I):
            raise Neo4jError("Neo.ClientError.Request.Invalid",
                             "EXPLAIN/PROFILE are not supported by this test server")
        if not isinstance(parameters, dict):
            raise Neo4jError("Neo.ClientError.Request.InvalidFormat", "parameters must be a map")
        ddl = self.try_schema(db, statement)
        if ddl is not None:
            return ddl
        with self.lock:
            try:
                if tx is None:
                    result = self.client.select_graph(db).query(statement, parameters)
                    if result.nodes_created or result.nodes_deleted or result.properties_set or \
                            result.relationships_created or result.relationships_deleted or \
                            result.labels_added or getattr(result, "labels_removed", 0):
                        self.versions[db] += 1
                elif tx.copy_key is None:
                    try:
                        result = self.client.select_graph(db).ro_query(statement, parameters)
                    except Exception as exc:  # a write: copy the committed graph and run there
                        if "read-only" not in str(exc) and "RO_QUERY" not in str(exc):
                            raise
                        self.ensure_graph(db)
                        tx.copy_key = f"{db}__tx_{tx.id}"
                        tx.base_version = self.versions[db]
                        self.client.select_graph(db).copy(tx.copy_key)
                        result = self.client.select_graph(tx.copy_key).query(statement, parameters)
                else:
                    result = self.client.select_graph(tx.copy_key).query(statement, parameters)
            except Neo4jError:
                raise
            except Exception as exc:
                raise classify(exc)
        columns = [c[1] if isinstance(c, (list, tuple)) else c for c in (result.header or [])]
        columns = [c.decode() if isinstance(c, bytes) else c for c in columns]
        return Outcome(columns, result.result_set or [], finish_stats(stats_of(result)))

    def ensure_graph(self, db):
        if not self.redis.exists(db):
            self.client.select_graph(db).query("RETURN 1")

    def try_schema(self, db, statement):
        m = CONSTRAINT_RE.match(statement)
        kind = "constraint"
        if not m:
            m = INDEX_RE.match(statement)
            kind = "index"
        if not m:
            return None
        if_not_exists, var, label, var2, prop = m.groups()
        stats = {k: 0 for k in ["nodes_created", "nodes_deleted", "properties_set", "relationships_created",
                                "relationship_deleted", "labels_added", "labels_removed", "indexes_added",
                                "indexes_removed", "constraints_added", "constraints_removed"]}
        with self.lock:
            graph = self.client.select_graph(db)
            self.ensure_graph(db)
            indexed = False
            for row in graph.query("CALL db.indexes() YIELD label, properties RETURN label, properties").result_set:
                if row[0] == label and prop in (row[1] or []):
                    indexed = True
            constrained = False
            if kind == "constraint":
                for row in graph.query("CALL db.constraints() YIELD type, label, properties "
                                       "RETURN type, label, properties").result_set:
                    if row[0] == "UNIQUE" and row[1] == label and prop in (row[2] or []):
                        constrained = True
            exists = constrained if kind == "constraint" else indexed
            if exists:
                if not if_not_exists:
                    raise Neo4jError("Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
                                     f"An equivalent {kind} already exists for :{label}({prop}).")
                return Outcome([], [], finish_stats(stats))
            if not indexed:
                graph.query(f"CREATE INDEX FOR (n:`{label}`) ON (n.`{prop}`)")
                if kind == "index":
                    stats["indexes_added"] = 1
            if kind == "constraint":
                try:
                    self.redis.execute_command("GRAPH.CONSTRAINT", "CREATE", db, "UNIQUE", "NODE", label,
                                               "PROPERTIES", 1, prop)
                except Exception as exc:
                    raise Neo4jError("Neo.ClientError.Schema.ConstraintCreationFailed", str(exc))
                deadline = time.time() + 30
                while time.time() < deadline:
                    status = [row for row in graph.query(
                        "CALL db.constraints() YIELD type, label, properties, status "
                        "RETURN type, label, properties, status").result_set
                        if row[0] == "UNIQUE" and row[1] == label and prop in (row[2] or [])]
                    if status and status[0][3] == "OPERATIONAL":
                        break
                    if status and status[0][3] == "FAILED":
                        raise Neo4jError("Neo.ClientError.Schema.ConstraintCreationFailed",
                                         f"Unable to create constraint on :{label}({prop}): existing duplicates")
                    time.sleep(0.01)
                stats["constraints_added"] = 1
            self.versions[db] += 1
        return Outcome([], [], finish_stats(stats))

    # -- transactions

    def begin(self, db, timeout):
        self.check_db(db)
        with self.lock:
            self.reap()
            tx = Transaction(self, db, timeout)
            self.transactions[tx.id] = tx
            return tx

    def lookup(self, db, tx_id, not_found):
        self.check_db(db)
        with self.lock:
            self.reap()
            tx = self.transactions.get(tx_id)
            if tx is None or tx.db != db:
                raise not_found
            tx.touch()
            return tx

    def commit(self, tx):
        with self.lock:
            self.transactions.pop(tx.id, None)
            if tx.copy_key is None:
                return
            if self.versions[tx.db] != tx.base_version:
                self.redis.delete(tx.copy_key)
                raise Neo4jError("Neo.TransientError.Transaction.Outdated",
                                 "Another transaction committed a conflicting change first; retry.")
            self.redis.rename(tx.copy_key, tx.db)
            self.versions[tx.db] += 1

    def rollback(self, tx):
        with self.lock:
            self.transactions.pop(tx.id, None)
            if tx.copy_key is not None:
                self.redis.delete(tx.copy_key)

    def reap(self):
        now = time.time()
        for tx in [t for t in self.transactions.values() if t.expires_at < now]:
            self.rollback(tx)


# ---------------------------------------------------------------- HTTP

TX_NOT_FOUND = Neo4jError("Neo.ClientError.Transaction.TransactionNotFound",
                          "Unrecognized transaction id. Transaction may have timed out and been rolled back.", 404)


def query_tx_not_found(tx_id):
    return Neo4jError("Neo.ClientError.Request.Invalid",
                      f"Transaction with Id: \"{tx_id}\" was not found. It may have timed out and therefore rolled "
                      "back or the routing header 'neo4j-cluster-affinity' was not provided.", 404)


def rfc1123(timestamp):
    return time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(timestamp))


def iso_utc(timestamp):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp))


class Handler(BaseHTTPRequestHandler):
    server_version = "Neo4jTestServer/1"
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        # One response = headers + body in two writes; without this Nagle + delayed ACK add ~40 ms per request.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format, *args):  # quiet: parameters never reach a log
        if self.server.verbose:
            sys.stderr.write("%s %s\n" % (self.command, self.path))

    # -- plumbing

    def send_json(self, status, body, headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if not raw.strip():
            return {}
        try:
            body = json.loads(raw)
        except ValueError as exc:
            raise Neo4jError("Neo.ClientError.Request.InvalidFormat", f"Unable to deserialize request: {exc}", 400)
        if not isinstance(body, dict):
            raise Neo4jError("Neo.ClientError.Request.InvalidFormat", "Request body must be a JSON object", 400)
        return body

    def authenticate(self):
        users = self.server.auth
        if users is None:
            return
        header = self.headers.get("Authorization")
        if not header:
            raise Neo4jError("Neo.ClientError.Security.Unauthorized", "No authentication header supplied.", 401)
        scheme, _, value = header.partition(" ")
        if scheme.lower() == "basic":
            try:
                user, _, password = base64.b64decode(value, validate=True).decode().partition(":")
            except Exception:
                raise Neo4jError("Neo.ClientError.Request.InvalidFormat", "Invalid authentication header.", 400)
            if (user, password) == users:
                return
        elif scheme.lower() == "bearer" and self.server.bearer and value == self.server.bearer:
            return
        raise Neo4jError("Neo.ClientError.Security.Unauthorized", "Invalid username or password.", 401)

    def base_url(self):
        return f"http://{self.headers.get('Host') or '127.0.0.1'}"

    def route(self, method):
        try:
            path = self.path.split("?", 1)[0].rstrip("/") or "/"
            if method == "GET" and path == "/":
                base = self.base_url()
                return self.send_json(200, {
                    "bolt_routing": "neo4j://127.0.0.1:7687", "bolt_direct": "bolt://127.0.0.1:7687",
                    "transaction": f"{base}/db/{{databaseName}}/tx",
                    "query": f"{base}/db/{{databaseName}}/query/v2",
                    "neo4j_version": NEO4J_VERSION, "neo4j_edition": "community",
                    "auth_config": {"oidc_providers": []}})
            m = re.match(r"^/db/([^/]+)/query/v2(?:/tx(?:/([^/]+)(/commit)?)?)?$", path)
            if m:
                self.authenticate()
                return self.query_api(method, m.group(1), path, m.group(2), bool(m.group(3)))
            m = re.match(r"^/db/([^/]+)/tx(?:/([^/]+))?(/commit)?$", path)
            if m:
                self.authenticate()
                return self.tx_api(method, m.group(1), m.group(2), bool(m.group(3)))
            self.send_json(404, {"errors": [{"code": "Neo.ClientError.Request.Invalid", "message": "Not found"}]})
        except Neo4jError as err:
            self.send_json(err.status or 400, {"errors": [{"code": err.code, "message": err.message}]})
        except Exception as exc:  # never leak parameters; the message is the engine's
            self.send_json(500, {"errors": [{"code": "Neo.DatabaseError.General.UnknownError", "message": str(exc)}]})

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def do_DELETE(self):
        self.route("DELETE")

    # -- Query API v2

    def query_api(self, method, db, path, tx_id, commit):
        engine = self.server.engine
        engine.check_db(db)
        is_tx = "/query/v2/tx" in path
        body = self.read_body() if method == "POST" else {}
        statement = body.get("statement")
        parameters = body.get("parameters") or {}
        counters = bool(body.get("includeCounters"))
        affinity = {"neo4j-cluster-affinity": "MTI3LjAuMC4xOjc0NzQ="}

        def respond(outcome, tx=None, status=202):
            payload = {}
            if outcome is not None:
                payload["data"] = {"fields": outcome.columns,
                                   "values": [[encode_query(v) for v in row] for row in outcome.rows]}
                if counters:
                    payload["counters"] = camel_counters(outcome.stats)
                updates = outcome.stats["contains_updates"]
                payload["bookmarks"] = ["FB:" + secrets.token_urlsafe(16)]
                payload["queryType"] = ("rw" if outcome.rows or outcome.columns else "w") if updates else "r"
            if tx is not None:
                payload["transaction"] = {"id": tx.id, "expires": iso_utc(tx.expires_at)}
            self.send_json(status, payload, affinity if is_tx else None)

        def need_statement():
            if not isinstance(statement, str) or not statement.strip():
                raise Neo4jError("Neo.ClientError.Request.Invalid", "A statement is required", 400)

        def in_tx(tx, action):
            try:
                return action()
            except Neo4jError as err:
                if err.status is None:  # a statement failure rolls the transaction back
                    engine.rollback(tx)
                    err.status = 202
                raise

        if not is_tx:
            if method != "POST":
                raise Neo4jError("Neo.ClientError.Request.Invalid", "Method not allowed", 405)
            need_statement()
            try:
                return respond(engine.run(db, statement, parameters))
            except Neo4jError as err:
                err.status = err.status or 202
                raise
        if tx_id is None:
            if method != "POST":
                raise Neo4jError("Neo.ClientError.Request.Invalid", "Method not allowed", 405)
            tx = engine.begin(db, QUERY_API_TIMEOUT)
            outcome = None
            if isinstance(statement, str) and statement.strip():
                outcome = in_tx(tx, lambda: engine.run(db, statement, parameters, tx))
            return respond(outcome or Outcome([], [], finish_stats({k: 0 for k in camel_keys()})), tx)
        tx = engine.lookup(db, tx_id, query_tx_not_found(tx_id))
        if method == "DELETE":
            engine.rollback(tx)
            return self.send_json(202, {}, affinity)
        outcome = None
        if isinstance(statement, str) and statement.strip():
            outcome = in_tx(tx, lambda: engine.run(db, statement, parameters, tx))
        elif not commit:
            need_statement()
        if commit:
            in_tx(tx, lambda: engine.commit(tx))
            return respond(outcome or Outcome([], [], finish_stats({k: 0 for k in camel_keys()})))
        return respond(outcome, tx)

    # -- transactional API

    def tx_api(self, method, db, tx_id, commit):
        engine = self.server.engine
        engine.check_db(db)
        if tx_id == "commit":
            tx_id, commit = None, True
        base = self.base_url()
        if method == "DELETE":
            if tx_id is None:
                raise Neo4jError("Neo.ClientError.Request.Invalid", "Method not allowed", 405)
            tx = engine.lookup(db, tx_id, TX_NOT_FOUND)
            engine.rollback(tx)
            return self.send_json(200, {"results": [], "errors": []})
        body = self.read_body()
        statements = body.get("statements") or []
        if not isinstance(statements, list):
            raise Neo4jError("Neo.ClientError.Request.InvalidFormat", "statements must be a list", 400)
        created = False
        if tx_id is None:
            tx = engine.begin(db, TX_API_TIMEOUT)
            created = not commit
        else:
            tx = engine.lookup(db, tx_id, TX_NOT_FOUND)
        results, errors = [], []
        for item in statements:
            try:
                statement = item.get("statement") if isinstance(item, dict) else None
                if not isinstance(statement, str):
                    raise Neo4jError("Neo.ClientError.Request.InvalidFormat", "statement must be a string")
                outcome = engine.run(db, statement, item.get("parameters") or {}, tx)
            except Neo4jError as err:
                if err.status in (401, 404):
                    raise
                errors.append({"code": err.code, "message": err.message})
                break
            contents = item.get("resultDataContents") or ["row"]
            result = {"columns": outcome.columns, "data": []}
            for row in outcome.rows:
                entry = {}
                if "row" in contents or "REST" in contents:
                    entry["row"] = [encode_row(v) for v in row]
                    entry["meta"] = [m for v in row for m in meta_entries(v)]
                result["data"].append(entry)
            if item.get("includeStats"):
                result["stats"] = outcome.stats
            results.append(result)
        payload = {"results": results, "errors": errors}
        if errors:
            engine.rollback(tx)
            return self.send_json(200, payload)
        if commit:
            try:
                engine.commit(tx)
            except Neo4jError as err:
                payload["errors"].append({"code": err.code, "message": err.message})
                return self.send_json(200, payload)
            payload["lastBookmarks"] = ["FB:" + secrets.token_urlsafe(16)]
            return self.send_json(200, payload)
        payload["commit"] = f"{base}/db/{db}/tx/{tx.id}/commit"
        payload["transaction"] = {"expires": rfc1123(tx.expires_at)}
        if created:
            return self.send_json(201, payload, {"Location": f"{base}/db/{db}/tx/{tx.id}"})
        return self.send_json(200, payload)


def camel_keys():
    return ["nodes_created", "nodes_deleted", "properties_set", "relationships_created", "relationship_deleted",
            "labels_added", "labels_removed", "indexes_added", "indexes_removed", "constraints_added",
            "constraints_removed"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=7474)
    parser.add_argument("--redis-port", type=int, required=True)
    parser.add_argument("--database", action="append", default=None, help="database name (repeatable)")
    parser.add_argument("--user", default=None)
    parser.add_argument("--password-file", default=None)
    parser.add_argument("--bearer-file", default=None)
    parser.add_argument("--port-file", default=None, help="write the bound port here once listening")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.engine = Engine(args.redis_port, args.database or ["neo4j"])
    server.verbose = args.verbose
    server.auth = None
    if args.user is not None:
        with open(args.password_file) as f:
            server.auth = (args.user, f.read().strip())
    server.bearer = None
    if args.bearer_file:
        with open(args.bearer_file) as f:
            server.bearer = f.read().strip()
    if args.port_file:
        with open(args.port_file, "w") as f:
            f.write(str(server.server_address[1]))
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    server.serve_forever()


if __name__ == "__main__":
    main()
