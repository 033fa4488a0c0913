#!/usr/bin/env python3
"""Validates request bodies msearch writes for OpenSearch against the official OpenAPI
specification (opensearch-project/opensearch-api-specification, YAML), resolving its $refs:

  opensearch-validate.py SPEC_DIR index   FILE   the create-index body (indices.create)
  opensearch-validate.py SPEC_DIR bulk    FILE…  bulk bodies: each action line against
                                                 _core.bulk's OperationContainer, each document
                                                 against the bulk item schema and, since the
                                                 mapping is "dynamic": "strict", against the
                                                 mapping of index.json beside it (--mapping)
  opensearch-validate.py SPEC_DIR search  FILE   one search body per line, or {"request": …}
                                                 records of `msearch batch --translate opensearch`

Objects are closed: a key a schema does not name is an error (see `Closer`), because the
specification leaves them open and a misspelt query type ("matc") would pass.

Prints one line per problem (file, line, JSON path, message) and exits 1 if there was any,
0 if every body is valid, 3 when Python lacks jsonschema, referencing or yaml (tests skip then).
Needs: pip install jsonschema pyyaml (referencing comes with jsonschema).
"""
import json
import os
import sys

try:
    import yaml
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError as missing:  # the tests skip with this message
    print(f"opensearch-validate: Python lacks {missing.name} (pip install jsonschema pyyaml)", file=sys.stderr)
    sys.exit(3)


class Spec:
    """The specification's YAML files as JSON-Schema resources, loaded when a $ref reaches them,
    with their object schemas closed (`closed`)."""

    def __init__(self, root):
        self.root = os.path.abspath(root)
        self.raw = {}
        self.registry = Registry(retrieve=self._retrieve)

    def load(self, path):
        path = os.path.normpath(path)
        if path not in self.raw:
            with open(path, encoding="utf-8") as f:
                self.raw[path] = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        return self.raw[path]

    def _retrieve(self, uri):
        path = uri[len("file://"):] if uri.startswith("file://") else uri
        return Resource.from_contents(Closer(self, path).document(), default_specification=DRAFT202012)

    def resolve(self, path, ref):
        """The file and node a $ref in `path` names."""
        file, _, fragment = ref.partition("#")
        target = os.path.normpath(os.path.join(os.path.dirname(path), file)) if file else path
        node = self.load(target)
        for part in (p for p in fragment.split("/") if p):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return target, node

    def validator(self, file, pointer):
        """A validator for the schema at `pointer` (a JSON pointer) in spec/`file`."""
        uri = "file://" + os.path.join(self.root, file) + "#" + pointer
        return jsonschema.Draft202012Validator({"$ref": uri}, registry=self.registry)


OPEN_KEYWORDS = ("additionalProperties", "unevaluatedProperties", "patternProperties")
OPEN = "__open"


class Closer:
    """A specification file with its object schemas closed: a schema that names properties
    (itself, or through allOf, anyOf, oneOf and $ref) gets `additionalProperties: false` over
    all those names, unless something in it leaves keys open. An allOf branch stays open (its
    parent is closed over the branches' names), and so do the alternatives inside it; a branch that is a $ref to a named schema
    points at that schema's open twin (`Name__open`). Plain `additionalProperties` rather than
    `unevaluatedProperties`, whose evaluation is exponential in nesting depth."""

    def __init__(self, spec, path):
        self.spec, self.path = spec, path

    def document(self):
        doc = self.close(self.spec.load(self.path))
        schemas = doc.get("components", {}).get("schemas", {})
        for name, schema in list(schemas.items()):
            if isinstance(schema, dict):
                schemas[name + OPEN] = {k: v for k, v in schema.items() if k != "additionalProperties"}
        return doc

    def names(self, path, node, seen):
        """Every property name the schema allows, or None when it allows any."""
        if not isinstance(node, dict):
            return set()
        if any(k in node and node[k] is not False for k in OPEN_KEYWORDS):
            return None
        found = set(node.get("properties", {}) or {})
        branches = [(path, b) for key in ("allOf", "anyOf", "oneOf") for b in node.get(key, []) or []]
        if "$ref" in node:
            key = (path, node["$ref"])
            if key in seen:
                return found
            seen = seen | {key}
            branches.append(self.spec.resolve(path, node["$ref"]))
        for p, b in branches:
            more = self.names(p, b, seen)
            if more is None:
                return None
            found |= more
        return found

    def close(self, node, in_all_of=False):
        if isinstance(node, list):
            return [self.close(n) for n in node]
        if not isinstance(node, dict):
            return node
        out = {}
        for key, value in node.items():
            if key == "allOf":
                out[key] = [self.close(v, in_all_of=True) for v in value]
            elif key in ("anyOf", "oneOf") and in_all_of:
                # The alternatives of a branch are partial too: the parent names their keys.
                out[key] = [self.close(v, in_all_of=True) for v in value]
            elif key == "$ref" and in_all_of and "#/components/schemas/" in value:
                out[key] = value + OPEN
            else:
                out[key] = self.close(value)
        if ("properties" in node or "allOf" in node) and not in_all_of:
            names = self.names(self.path, node, frozenset())
            if names is not None:
                props = dict(out.get("properties", {}) or {})
                for n in names:
                    props.setdefault(n, True)
                out["properties"] = props
                out["additionalProperties"] = False
        return out


def pointer(*parts):
    return "/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def problems(validator, instance):
    for e in sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path)):
        # anyOf/oneOf failures: the deepest reason is the useful one.
        best = jsonschema.exceptions.best_match([e]) if e.context else e
        where = "/".join(str(p) for p in best.absolute_path) or "(root)"
        yield f"{where}: {best.message[:300]}"


MAPPING_TYPES = {
    "keyword": (str,), "text": (str,), "date": (str,), "long": (int,), "integer": (int,),
    "boolean": (bool,), "double": (int, float), "float": (int, float),
}


def mapping_problems(properties, document, path=""):
    """A document against a strict mapping: every field declared, every value of its type."""
    for key, value in document.items():
        field = properties.get(key)
        where = f"{path}{key}"
        if field is None:
            yield f"{where}: not in the mapping (dynamic: strict refuses it)"
            continue
        values = value if isinstance(value, list) else [value]
        kind = field.get("type", "object")
        for v in values:
            if kind in ("nested", "object"):
                if not isinstance(v, dict):
                    yield f"{where}: {kind} field holds {type(v).__name__}"
                else:
                    yield from mapping_problems(field.get("properties", {}), v, where + ".")
            elif kind in MAPPING_TYPES:
                if not isinstance(v, MAPPING_TYPES[kind]) or (kind != "boolean" and isinstance(v, bool)):
                    yield f"{where}: {kind} field holds {json.dumps(v)[:80]}"
                elif kind == "date" and not valid_date(v, field.get("format", "")):
                    yield f"{where}: {v!r} is not a {field.get('format')} date"
            else:
                yield f"{where}: mapping type {kind} is not checked by this script"


def valid_date(text, fmt):
    """The one date format the export declares, yyyy-MM-dd, as a real calendar day."""
    if fmt != "yyyy-MM-dd":
        return False
    import datetime
    try:
        datetime.date.fromisoformat(text)
        return len(text) == 10
    except ValueError:
        return False


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    spec, mode, files = Spec(argv[1]), argv[2], argv[3:]
    mapping_file = None
    if mode == "bulk" and files[0].startswith("--mapping="):
        mapping_file, files = files[0][len("--mapping="):], files[1:]
    found = 0
    checked = 0

    def report(file, line, messages):
        nonlocal found
        for m in messages:
            found += 1
            print(f"{file}:{line}: {m}")

    if mode == "index":
        v = spec.validator("namespaces/indices.yaml",
                           pointer("components", "requestBodies", "indices.create", "content", "application/json", "schema"))
        for file in files:
            with open(file, encoding="utf-8") as f:
                report(file, 1, problems(v, json.load(f)))
            checked += 1
    elif mode == "bulk":
        action = spec.validator("schemas/_core.bulk.yaml", pointer("components", "schemas", "OperationContainer"))
        item = spec.validator("namespaces/_core.yaml",
                              pointer("components", "requestBodies", "bulk", "content", "application/x-ndjson", "schema", "items"))
        properties = None
        if mapping_file:
            with open(mapping_file, encoding="utf-8") as f:
                properties = json.load(f)["mappings"]["properties"]
        for file in files:
            with open(file, encoding="utf-8") as f:
                lines = f.read().split("\n")
            if lines and lines[-1] != "":
                report(file, len(lines), ["a bulk body must end with a newline"])
            lines = lines[:-1] if lines and lines[-1] == "" else lines
            if len(lines) % 2:
                report(file, len(lines), ["an action line without its document"])
            for n, text in enumerate(lines, 1):
                try:
                    value = json.loads(text)
                except ValueError as e:
                    report(file, n, [f"not JSON: {e}"])
                    continue
                if n % 2:  # an action line
                    report(file, n, problems(action, value))
                    if not (isinstance(value, dict) and list(value) == ["index"]):
                        report(file, n, ["expected an index action"])
                else:
                    report(file, n, problems(item, value))
                    if properties is not None and isinstance(value, dict):
                        report(file, n, mapping_problems(properties, value))
                checked += 1
    elif mode == "search":
        v = spec.validator("namespaces/_core.yaml",
                           pointer("components", "requestBodies", "search", "content", "application/json", "schema"))
        for file in files:
            with open(file, encoding="utf-8") as f:
                for n, text in enumerate(f, 1):
                    if not text.strip():
                        continue
                    value = json.loads(text)
                    if isinstance(value, dict) and "error" in value and "request" not in value:
                        report(file, n, [f"the query did not translate: {value['error']}"])
                        continue
                    body = value["request"] if isinstance(value, dict) and "request" in value and "qid" in value else value
                    report(file, n, problems(v, body))
                    checked += 1
    else:
        print(f"opensearch-validate: unknown mode {mode!r} (index, bulk or search)", file=sys.stderr)
        return 2
    print(f"opensearch-validate: {mode}: {checked} bodies checked, {found} problems", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
