#!/usr/bin/env python3
"""botocore itself, as the AWS CLI runs it, on the wire side of the query protocols (the protocol tests' oracle).

Reads one JSON document on stdin:
  {"serialize": [{"service", "operation", "params"}], "parse": [{"service", "operation", "status", "body"}]}
(an item may carry "model", a whole service model in botocore's format, in place of "service")
and writes {"serialize": [{"body"} | {"error"}], "parse": [{"parsed"} | {"error"}]}:
  serialize  the request body botocore's serializer (QuerySerializer / EC2Serializer) sends for these parameters,
             form-encoded as botocore's AWSRequest encodes it;
  parse      what botocore's parser (QueryParser / EC2QueryParser) reads from this HTTP answer, timestamps left as
             their wire text, as the AWS CLI v1 prints them (cli_timestamp_format "none").
"""

import json
import sys

import botocore.loaders
import botocore.model
import botocore.parsers
import botocore.serialize
from botocore.awsrequest import AWSRequest

loader = botocore.loaders.create_loader()
models = {}


def model(service):
    if service not in models:
        models[service] = botocore.model.ServiceModel(loader.load_service_model(service, "service-2"), service)
    return models[service]


def service_of(item):
    """A service botocore ships, or a model given inline (the tests' synthetic ones)."""
    if "model" in item:
        return botocore.model.ServiceModel(item["model"], "synthetic")
    return model(item["service"])


def serialize(item):
    service = service_of(item)
    operation = service.operation_model(item["operation"])
    serializer = botocore.serialize.create_serializer(service.metadata["protocol"], include_validation=False)
    request = serializer.serialize_to_request(item["params"], operation)
    prepared = AWSRequest(method="POST", url="https://example.invalid/", data=request["body"], headers=request["headers"]).prepare()
    body = prepared.body
    return {"body": body.decode("utf-8") if isinstance(body, bytes) else (body or "")}


def parse(item):
    service = service_of(item)
    operation = service.operation_model(item["operation"])
    parser_class = botocore.parsers.PROTOCOL_PARSERS[service.metadata["protocol"]]
    parser = parser_class(timestamp_parser=lambda text: text)
    response = {"body": item["body"].encode("utf-8"), "headers": {}, "status_code": item["status"]}
    parsed = parser.parse(response, operation.output_shape)
    metadata = parsed.get("ResponseMetadata", {})
    parsed["ResponseMetadata"] = {k: metadata[k] for k in ("RequestId", "HTTPStatusCode") if k in metadata}
    return {"parsed": parsed}


def guarded(function, item):
    try:
        return function(item)
    except Exception as error:  # noqa: BLE001 - the test reports what botocore refused
        return {"error": f"{type(error).__name__}: {error}"}


def main():
    job = json.load(sys.stdin)
    out = {
        "serialize": [guarded(serialize, item) for item in job.get("serialize", [])],
        "parse": [guarded(parse, item) for item in job.get("parse", [])],
    }
    json.dump(out, sys.stdout, default=str)


if __name__ == "__main__":
    main()
