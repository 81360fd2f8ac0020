#!/usr/bin/env python3
"""Generate the API models of the AWS services the sandbox answers besides ECS, from botocore.

Run as `npm run generate:models`. Reads botocore's service models (installed with the AWS CLI on the development
machines; users never need it) and writes, deterministically (sorted keys):

  lib/aws-models/generated/<service>.json
      the service's protocol metadata, the operations the sandbox emulates (input, output and error shape names)
      and every shape reachable from them — what the gateway needs to read a request in the service's protocol
      (JSON 1.1 or query) and to write the answer (JSON or XML) the way the AWS SDKs and CLI expect it.

Re-running with the same botocore gives byte-identical files. `--out DIR` writes them elsewhere (the unit tests
compare a fresh run with the committed files).
"""

from __future__ import annotations

import gzip
import json
import os
import sys

import botocore

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "lib", "aws-models", "generated")
DATA = os.path.join(os.path.dirname(botocore.__file__), "data")

# The operations each service's sandbox provider answers (lib/sandbox/services/<service>/). Add one here, run the
# generator, then implement it there.
OPERATIONS = {
    "ecr": [
        "BatchDeleteImage", "BatchGetImage", "CreateRepository", "DeleteLifecyclePolicy", "DeleteRepository",
        "DeleteRepositoryPolicy", "DescribeImageScanFindings", "DescribeImages", "DescribeRepositories",
        "GetAuthorizationToken", "GetLifecyclePolicy", "GetLifecyclePolicyPreview", "GetRepositoryPolicy",
        "ListImages", "ListTagsForResource", "PutImage", "PutImageScanningConfiguration", "PutImageTagMutability",
        "PutLifecyclePolicy", "SetRepositoryPolicy", "StartImageScan", "StartLifecyclePolicyPreview", "TagResource",
        "UntagResource",
    ],
    "logs": [
        "CreateLogGroup", "CreateLogStream", "DeleteLogGroup", "DeleteLogStream", "DeleteRetentionPolicy",
        "DescribeLogGroups", "DescribeLogStreams", "FilterLogEvents", "GetLogEvents", "ListTagsForResource",
        "PutLogEvents", "PutRetentionPolicy", "TagResource", "UntagResource",
    ],
    "iam": [
        "AttachRolePolicy", "CreatePolicy", "CreateRole", "DeletePolicy", "DeleteRole", "DeleteRolePolicy",
        "DetachRolePolicy", "GetPolicy", "GetPolicyVersion", "GetRole", "GetRolePolicy", "ListAttachedRolePolicies",
        "ListPolicies", "ListRolePolicies", "ListRoles", "PutRolePolicy", "SimulatePrincipalPolicy", "TagRole",
        "UntagRole", "UpdateAssumeRolePolicy",
    ],
    "secretsmanager": [
        "CreateSecret", "DeleteSecret", "DescribeSecret", "GetSecretValue", "ListSecretVersionIds", "ListSecrets",
        "PutSecretValue", "RestoreSecret", "TagResource", "UntagResource", "UpdateSecret",
    ],
    "ssm": [
        "DeleteParameter", "DeleteParameters", "DescribeParameters", "GetParameter", "GetParameterHistory",
        "GetParameters", "GetParametersByPath", "LabelParameterVersion", "PutParameter",
    ],
    "ec2": [
        "AuthorizeSecurityGroupEgress", "AuthorizeSecurityGroupIngress", "CreateSecurityGroup", "CreateVpcEndpoint",
        "DeleteSecurityGroup", "DeleteVpcEndpoints", "DescribeAvailabilityZones", "DescribeInternetGateways",
        "DescribeNatGateways", "DescribeNetworkInterfaces", "DescribeRouteTables", "DescribeSecurityGroups",
        "DescribeSubnets", "DescribeVpcEndpoints", "DescribeVpcs", "ModifyVpcEndpoint", "RevokeSecurityGroupEgress",
        "RevokeSecurityGroupIngress",
    ],
    "sts": ["GetCallerIdentity"],
    "elbv2": [
        "AddTags", "CreateListener", "CreateLoadBalancer", "CreateRule", "CreateTargetGroup", "DeleteListener",
        "DeleteLoadBalancer", "DeleteRule", "DeleteTargetGroup", "DeregisterTargets", "DescribeListeners",
        "DescribeLoadBalancerAttributes", "DescribeLoadBalancers", "DescribeRules", "DescribeTags",
        "DescribeTargetGroupAttributes", "DescribeTargetGroups", "DescribeTargetHealth", "ModifyListener",
        "ModifyLoadBalancerAttributes", "ModifyRule", "ModifyTargetGroup", "ModifyTargetGroupAttributes",
        "RegisterTargets", "RemoveTags", "SetRulePriorities",
    ],
    "application-autoscaling": [
        "DeleteScalingPolicy", "DeleteScheduledAction", "DeregisterScalableTarget", "DescribeScalableTargets",
        "DescribeScalingActivities", "DescribeScalingPolicies", "DescribeScheduledActions", "PutScalingPolicy",
        "PutScheduledAction", "RegisterScalableTarget",
    ],
    "cloudwatch": [
        "DeleteAlarms", "DescribeAlarms", "GetMetricData", "GetMetricStatistics", "ListMetrics", "PutMetricAlarm",
    ],
}

METADATA_KEYS = ["protocol", "apiVersion", "targetPrefix", "signingName", "endpointPrefix", "jsonVersion", "xmlNamespace", "serviceId"]
# Shape members the wire protocols read; documentation and examples are left out.
SHAPE_KEYS = [
    "type", "members", "member", "key", "value", "required", "enum", "min", "max", "pattern", "flattened",
    "locationName", "queryName", "xmlNamespace", "timestampFormat", "sensitive", "error", "exception", "fault",
    "event", "eventstream", "streaming", "document", "union",
]
MEMBER_KEYS = ["shape", "locationName", "queryName", "flattened", "xmlNamespace", "timestampFormat", "idempotencyToken", "jsonvalue", "location"]


def load(service: str, name: str = "service-2") -> dict | None:
    """botocore's newest `name` file (service-2, paginators-1, waiters-2) of a service, or None if it has none."""
    folder = os.path.join(DATA, service)
    for version in sorted(os.listdir(folder), reverse=True):
        for file_name in (f"{name}.json.gz", f"{name}.json"):
            path = os.path.join(folder, version, file_name)
            if os.path.exists(path):
                opener = gzip.open if file_name.endswith(".gz") else open
                with opener(path, "rt", encoding="utf-8") as f:
                    return json.load(f)
    return None


def latest_model(service: str) -> dict:
    model = load(service)
    if model is None:
        raise SystemExit(f"no botocore model for {service} under {DATA}")
    return model


def reachable(shapes: dict, roots: list[str]) -> list[str]:
    seen: set[str] = set()
    todo = [r for r in roots if r]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = shapes[name]
        for member in shape.get("members", {}).values():
            todo.append(member["shape"])
        for key in ("member", "key", "value"):
            if key in shape:
                todo.append(shape[key]["shape"])
    return sorted(seen)


def compact_shape(shape: dict) -> dict:
    out = {k: shape[k] for k in SHAPE_KEYS if k in shape}
    if "members" in shape:
        out["members"] = {name: {k: m[k] for k in MEMBER_KEYS if k in m} for name, m in shape["members"].items()}
        out["memberOrder"] = list(shape["members"].keys())
    for key in ("member", "key", "value"):
        if key in shape:
            out[key] = {k: shape[key][k] for k in MEMBER_KEYS if k in shape[key]}
    return out


def generate(service: str) -> dict:
    model = latest_model(service)
    operations = {}
    roots: list[str] = []
    for name in OPERATIONS[service]:
        op = model["operations"][name]
        entry = {
            "input": op.get("input", {}).get("shape"),
            "output": op.get("output", {}).get("shape"),
            "resultWrapper": op.get("output", {}).get("resultWrapper"),
            "errors": sorted(e["shape"] for e in op.get("errors", [])),
        }
        operations[name] = {k: v for k, v in entry.items() if v not in (None, [])}
        roots += [entry["input"], entry["output"], *entry["errors"]]
    shapes = model["shapes"]
    return {
        "metadata": {k: model["metadata"][k] for k in METADATA_KEYS if k in model["metadata"]},
        "operations": operations,
        "allOperations": sorted(model["operations"].keys()),
        "shapes": {name: compact_shape(shapes[name]) for name in reachable(shapes, roots)},
    }


def main(argv: list[str]) -> None:
    out_dir = argv[argv.index("--out") + 1] if "--out" in argv else OUT_DIR
    os.makedirs(out_dir, exist_ok=True)
    for service in sorted(OPERATIONS):
        with open(os.path.join(out_dir, f"{service}.json"), "w", encoding="utf-8") as f:
            json.dump(generate(service), f, indent=1, sort_keys=True, ensure_ascii=False)
            f.write("\n")
    print(f"wrote {len(OPERATIONS)} models to {out_dir}")


if __name__ == "__main__":
    main(sys.argv[1:])
