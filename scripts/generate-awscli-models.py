#!/usr/bin/env python3
"""Generate the models the AWS CLI interpreter (lib/aws-cli) reads, from botocore.

Run as `python3 scripts/generate-awscli-models.py`. For every service the sandbox answers (ECS with every operation of
its model, the others with the operations scripts/generate-aws-models.py lists) it writes, deterministically:

  lib/aws-cli/generated/<cli-name>.json
      protocol metadata; per operation its CLI name (botocore's xform_name, as the AWS CLI derives it), input and output
      shape, a one-paragraph summary for `help`, and its paginator; the names of every operation of the real service
      (so `aws <service> <unknown>` lists what the real CLI lists); the waiters (waiters-2.json) with their CLI names;
      every shape reachable from the operations, trimmed to what the command line, the validator and the wire protocols
      read (no documentation, examples or endpoint rules: the browser downloads these files).
  lib/aws-cli/generated/east-asian-width.json
      the code point ranges Python's unicodedata calls Wide, Fullwidth or Ambiguous: the CLI's table output counts
      them as two columns.

Re-running with the same botocore gives byte-identical files. `--out DIR` writes them elsewhere.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import unicodedata

import botocore
from botocore import xform_name

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "lib", "aws-cli", "generated")
DATA = os.path.join(os.path.dirname(botocore.__file__), "data")


def _load_sibling(name: str):
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), os.path.join(ROOT, "scripts", f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


# The sandbox's operations per service, the model loader and the shape walk come from the gateway's own generator, so
# the two never drift apart.
_gateway = _load_sibling("generate-aws-models")
EMULATED = _gateway.OPERATIONS
load = _gateway.load
reachable = _gateway.reachable
first_paragraph = _load_sibling("generate-ecs-model").first_paragraph

# botocore service name -> the AWS CLI's command name (the CLI uses the botocore name except where it renames).
CLI_NAMES = {"ecs": "ecs", **{name: name for name in EMULATED}}

# awscli/customizations/argrename.py: the CLI's own names for some generated arguments of these services.
ARGUMENT_RENAMES = {
    "ec2.create-image.no-no-reboot": "reboot",
    "ec2.*.no-egress": "ingress",
    "ec2.*.no-disable-api-termination": "enable-api-termination",
    "ecs.*.no-enable-execute-command": "disable-execute-command",
}

SHAPE_KEYS = ["type", "required", "enum", "min", "flattened", "locationName", "timestampFormat", "document", "union"]
MEMBER_KEYS = ["locationName", "queryName", "flattened", "xmlAttribute", "timestampFormat", "idempotencyToken", "jsonvalue"]
# A summary for `help` is one paragraph; longer ones are cut at a sentence (the browser pays for every byte).
SUMMARY_CHARS = 400
MEMBER_SUMMARY_CHARS = 160


def summary(doc: str | None, limit: int) -> str:
    text = first_paragraph(doc)
    if len(text) <= limit:
        return text
    cut = text.rfind(". ", 0, limit)
    return text[: cut + 1] if cut > 0 else text[: limit - 1] + "…"


def compact_shape(shape: dict) -> dict:
    out = {k: shape[k] for k in SHAPE_KEYS if k in shape}
    if shape["type"] in ("string", "blob", "list", "map") and "min" in out and out["min"] == 0:
        del out["min"]
    if "members" in shape:
        # A list of [name, member] keeps the model's order (the CLI's skeleton and messages follow it).
        out["members"] = [[name, {"shape": m["shape"], **{k: m[k] for k in MEMBER_KEYS if k in m}}] for name, m in shape["members"].items()]
    for key in ("member", "key", "value"):
        if key in shape:
            out[key] = {"shape": shape[key]["shape"], **{k: shape[key][k] for k in MEMBER_KEYS if k in shape[key]}}
    return out


def argument_names(cli_service: str, cli_operation: str, shapes: dict, input_shape: str | None) -> dict:
    """Per top-level input member: its --option name, and for booleans the name of the negative flag."""
    if not input_shape:
        return {}
    names = {}
    for member, ref in shapes[input_shape].get("members", {}).items():
        name = xform_name(member, "-")
        entry = {"name": name}
        if shapes[ref["shape"]]["type"] == "boolean":
            negative = f"no-{name}"
            for pattern in (f"{cli_service}.{cli_operation}.{negative}", f"{cli_service}.*.{negative}"):
                if pattern in ARGUMENT_RENAMES:
                    negative = ARGUMENT_RENAMES[pattern]
                    break
            entry["negative"] = negative
        names[member] = entry
    return names


def generate(service: str) -> dict:
    model = load(service, "service-2")
    paginators = (load(service, "paginators-1") or {}).get("pagination", {})
    waiters = (load(service, "waiters-2") or {}).get("waiters", {})
    cli_service = CLI_NAMES[service]
    wanted = sorted(model["operations"]) if service == "ecs" else EMULATED[service]
    operations = {}
    roots: list[str] = []
    shapes = model["shapes"]
    for name in wanted:
        op = model["operations"][name]
        cli_name = xform_name(name, "-")
        input_shape = op.get("input", {}).get("shape")
        entry = {
            "cliName": cli_name,
            "input": input_shape,
            "output": op.get("output", {}).get("shape"),
            "resultWrapper": op.get("output", {}).get("resultWrapper"),
            "summary": summary(op.get("documentation"), SUMMARY_CHARS),
            "arguments": argument_names(cli_service, cli_name, shapes, input_shape),
            "paginator": paginators.get(name),
            "deprecated": op.get("deprecated"),
        }
        if input_shape:
            docs = {m: summary(ref.get("documentation"), MEMBER_SUMMARY_CHARS) for m, ref in shapes[input_shape].get("members", {}).items()}
            entry["memberSummaries"] = {m: d for m, d in docs.items() if d}
        operations[name] = {k: v for k, v in entry.items() if v not in (None, {}, "", False)}
        roots += [entry["input"], entry["output"]]
    emitted_waiters = {}
    for name, waiter in sorted(waiters.items()):
        if waiter["operation"] in operations:
            emitted_waiters[name] = {"cliName": xform_name(name, "-"), **waiter}
    metadata_keys = ["protocol", "protocols", "apiVersion", "targetPrefix", "signingName", "endpointPrefix", "jsonVersion", "xmlNamespace", "serviceId", "serviceFullName", "globalEndpoint"]
    return {
        "cliName": cli_service,
        "metadata": {k: model["metadata"][k] for k in metadata_keys if k in model["metadata"]},
        "summary": summary(model.get("documentation"), SUMMARY_CHARS),
        "operations": operations,
        "allOperations": [xform_name(name, "-") for name in sorted(model["operations"])],
        "waiters": emitted_waiters,
        "shapes": {name: compact_shape(shapes[name]) for name in reachable(shapes, roots)},
    }


def east_asian_wide_ranges() -> list[list[int]]:
    ranges: list[list[int]] = []
    for code in range(0x110000):
        if unicodedata.east_asian_width(chr(code)) in "WFA":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return ranges


def write(path: str, data: object) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


def main(argv: list[str]) -> None:
    out_dir = argv[argv.index("--out") + 1] if "--out" in argv else OUT_DIR
    os.makedirs(out_dir, exist_ok=True)
    for service in sorted(CLI_NAMES):
        write(os.path.join(out_dir, f"{CLI_NAMES[service]}.json"), generate(service))
    write(os.path.join(out_dir, "east-asian-width.json"), {"unicode": unicodedata.unidata_version, "ranges": east_asian_wide_ranges()})
    print(f"wrote {len(CLI_NAMES)} CLI models to {out_dir} (botocore {botocore.__version__})")


if __name__ == "__main__":
    main(sys.argv[1:])
