#!/usr/bin/env python3
"""Generate ECS Dojo's compact ECS API model and the editor's JSON Schemas from botocore.

Run as `npm run generate:schema`. Reads botocore's ECS service model (installed with the AWS CLI on the
development machines; users never need it) and writes, deterministically (sorted keys, stable order):

  lib/ecs-model/generated/shapes.json
      every shape reachable from the inputs the product grades (RegisterTaskDefinition, CreateService,
      UpdateService), with member order kept as in the model (the CLI lists members in that order in
      its "must be one of" message), plus the names of all operations of the service.
  lib/ecs-model/generated/register-task-definition.schema.json, create-service.schema.json,
  update-service.schema.json
      draft-07 JSON Schemas of the three inputs for the editor (Monaco), with AWS's documentation on
      every member so hovering shows it.

Re-running with the same botocore gives byte-identical files. `--out DIR` writes them elsewhere (the
unit tests compare a fresh run with the committed files).
"""

from __future__ import annotations

import gzip

import json
import os
import re
import sys
from html.parser import HTMLParser

import botocore

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "lib", "ecs-model", "generated")
MODEL_PATH = os.path.join(os.path.dirname(botocore.__file__), "data", "ecs", "2014-11-13", "service-2.json.gz")

INPUTS = {
    "RegisterTaskDefinition": "RegisterTaskDefinitionRequest",
    "CreateService": "CreateServiceRequest",
    "UpdateService": "UpdateServiceRequest",
}
SCHEMA_ID = "https://ecs-dojo.local/schemas/register-task-definition.schema.json"
# One JSON Schema per input the editor offers completion and hover for: file name, $id and title.
SCHEMAS = {
    "RegisterTaskDefinition": ("register-task-definition.schema.json", SCHEMA_ID, "RegisterTaskDefinition input (aws ecs register-task-definition --cli-input-json)"),
    "CreateService": ("create-service.schema.json", "https://ecs-dojo.local/schemas/create-service.schema.json", "CreateService input (aws ecs create-service --cli-input-json)"),
    "UpdateService": ("update-service.schema.json", "https://ecs-dojo.local/schemas/update-service.schema.json", "UpdateService input (aws ecs update-service --cli-input-json)"),
}

# Shape-level keys copied into shapes.json when present (member docs are handled separately).
SCALAR_CONSTRAINTS = ("min", "max", "pattern")


class _DocConverter(HTMLParser):
    """Turns the model's HTML documentation into paragraphs of plain text and of Markdown."""

    BLOCKS = {"p", "li", "important", "note", "ul", "ol", "dl", "dt", "dd", "div", "br"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[tuple[str, str]] = []
        self._plain: list[str] = []
        self._md: list[str] = []
        self._href: list[str | None] = []
        self._link_text_start: list[int] = []
        self._prefix = ""

    def _flush(self) -> None:
        plain = _collapse("".join(self._plain))
        md = _collapse("".join(self._md))
        if plain:
            self.paragraphs.append((plain, self._prefix + md))
        self._plain, self._md, self._prefix = [], [], ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self._flush()
            if tag == "li":
                self._prefix = "- "
            elif tag == "important":
                self._prefix = "**Important:** "
            elif tag == "note":
                self._prefix = "**Note:** "
        elif tag == "code":
            self._md.append("`")
        elif tag in ("i", "em"):
            self._md.append("*")
        elif tag in ("b", "strong"):
            self._md.append("**")
        elif tag == "a":
            self._href.append(dict(attrs).get("href"))
            self._link_text_start.append(len(self._md))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self._flush()
        elif tag == "code":
            self._md.append("`")
        elif tag in ("i", "em"):
            self._md.append("*")
        elif tag in ("b", "strong"):
            self._md.append("**")
        elif tag == "a" and self._href:
            href = self._href.pop()
            start = self._link_text_start.pop()
            if href and href.startswith("http"):
                text = "".join(self._md[start:])
                del self._md[start:]
                self._md.append(f"[{text}]({href})")

    def handle_data(self, data: str) -> None:
        self._plain.append(data)
        self._md.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _collapse(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    # Empty inline markup left by the HTML (e.g. "<code> </code>") reads as noise.
    return re.sub(r"(`\s*`|\*\*\s*\*\*)", "", text).strip()


def convert_doc(doc: str | None) -> list[tuple[str, str]]:
    if not doc:
        return []
    parser = _DocConverter()
    parser.feed(doc)
    parser.close()
    return parser.paragraphs


def first_paragraph(doc: str | None) -> str:
    paragraphs = convert_doc(doc)
    return paragraphs[0][0] if paragraphs else ""


def reachable(shapes: dict, roots: list[str]) -> list[str]:
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = shapes[name]
        for member in shape.get("members", {}).values():
            stack.append(member["shape"])
        for key in ("member", "key", "value"):
            if key in shape:
                stack.append(shape[key]["shape"])
    return sorted(seen)


def compact_shape(shape: dict) -> dict:
    out: dict = {"type": shape["type"]}
    kind = shape["type"]
    if kind == "structure":
        members = []
        for name, member in shape.get("members", {}).items():
            entry = {"name": name, "shape": member["shape"]}
            doc = first_paragraph(member.get("documentation"))
            if doc:
                entry["doc"] = doc
            if member.get("deprecated"):
                entry["deprecated"] = True
            members.append(entry)
        out["members"] = members
        out["required"] = list(shape.get("required", []))
    elif kind == "list":
        out["member"] = shape["member"]["shape"]
    elif kind == "map":
        out["key"] = shape["key"]["shape"]
        out["value"] = shape["value"]["shape"]
    if "enum" in shape:
        out["enum"] = list(shape["enum"])
    for key in SCALAR_CONSTRAINTS:
        if key in shape:
            out[key] = shape[key]
    return out


def build_shapes(model: dict) -> dict:
    shapes = model["shapes"]
    names = reachable(shapes, list(INPUTS.values()))
    return {
        "source": {
            "model": "botocore data/ecs/2014-11-13/service-2.json",
            "botocoreVersion": botocore.__version__,
            "apiVersion": model["metadata"]["apiVersion"],
            "targetPrefix": model["metadata"]["targetPrefix"],
        },
        "operations": sorted(model["operations"].keys()),
        "inputs": dict(INPUTS),
        "shapes": {name: compact_shape(shapes[name]) for name in names},
    }


JSON_TYPES = {"string": "string", "boolean": "boolean", "integer": "integer", "long": "integer", "double": "number", "float": "number", "timestamp": "number"}


def schema_for(shapes: dict, name: str, depth: int = 0) -> dict:
    if depth > 40:
        raise SystemExit(f"shape nesting deeper than expected at {name}; the model has become recursive")
    shape = shapes[name]
    kind = shape["type"]
    if kind == "structure":
        properties = {}
        for member_name, member in shape.get("members", {}).items():
            prop = schema_for(shapes, member["shape"], depth + 1)
            paragraphs = convert_doc(member.get("documentation"))
            if paragraphs:
                prop["description"] = paragraphs[0][0]
                prop["markdownDescription"] = "\n\n".join(md for _, md in paragraphs)
            if member.get("deprecated"):
                prop["deprecated"] = True
            properties[member_name] = prop
        out = {"type": "object", "properties": properties, "additionalProperties": False}
        if shape.get("required"):
            out["required"] = list(shape["required"])
        return out
    if kind == "list":
        out = {"type": "array", "items": schema_for(shapes, shape["member"]["shape"], depth + 1)}
        if "min" in shape:
            out["minItems"] = shape["min"]
        if "max" in shape:
            out["maxItems"] = shape["max"]
        return out
    if kind == "map":
        return {"type": "object", "additionalProperties": schema_for(shapes, shape["value"]["shape"], depth + 1)}
    out = {"type": JSON_TYPES[kind]}
    if "enum" in shape:
        out["enum"] = list(shape["enum"])
    if kind == "string":
        if "min" in shape:
            out["minLength"] = shape["min"]
        if "max" in shape:
            out["maxLength"] = shape["max"]
    elif kind in ("integer", "long", "double"):
        if "min" in shape:
            out["minimum"] = shape["min"]
        if "max" in shape:
            out["maximum"] = shape["max"]
    return out


def build_schema(model: dict, operation: str = "RegisterTaskDefinition") -> dict:
    _, schema_id, title = SCHEMAS[operation]
    root = schema_for(model["shapes"], INPUTS[operation])
    root["$schema"] = "http://json-schema.org/draft-07/schema#"
    root["$id"] = schema_id
    root["title"] = title
    root["description"] = first_paragraph(model["operations"][operation].get("documentation"))
    return root


def write_json(path: str, data: dict) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        json.dump(data, handle, indent=1, sort_keys=True, ensure_ascii=False)
        handle.write("\n")


def main(argv: list[str]) -> int:
    out_dir = OUT_DIR
    if argv[:1] == ["--out"] and len(argv) == 2:
        out_dir = os.path.abspath(argv[1])
    elif argv:
        print("usage: generate-ecs-model.py [--out DIR]", file=sys.stderr)
        return 2
    if not os.path.exists(MODEL_PATH):
        print(f"botocore's ECS model was not found at {MODEL_PATH}", file=sys.stderr)
        return 2
    with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as handle:
        model = json.load(handle)
    os.makedirs(out_dir, exist_ok=True)
    write_json(os.path.join(out_dir, "shapes.json"), build_shapes(model))
    for operation, (file_name, _, _) in SCHEMAS.items():
        write_json(os.path.join(out_dir, file_name), build_schema(model, operation))
    names = ", ".join(file_name for file_name, _, _ in SCHEMAS.values())
    print(f"wrote shapes.json, {names} to {out_dir} (botocore {botocore.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
