#!/usr/bin/env python3
"""botocore as the AWS CLI v1 runs it (the same botocore, installed with the CLI), kept running for many calls.

Only @aws-sdk/client-ecs is installed for Node; the other services are called through this instead of the `aws`
command, whose half-second start per call would make a comparison of a hundred calls last minutes. botocore
serializes, signs (SigV4), sends and parses exactly as the CLI does; only the CLI's printing is missing.

Reads one JSON request per line on stdin:
  {"id", "endpoint", "region", "accessKeyId", "secretAccessKey", "headers", "service", "operation", "params"}
and writes one JSON answer per line on stdout, in order:
  {"id", "output": {...}}                                   the parsed response, ResponseMetadata left out
  {"id", "error": {"code", "message", "status"}}            an AWS error as botocore reads it
  {"id", "fault": "..."}                                    anything else (parameter validation, no connection)
Timestamps are written as {"$timestamp": iso} and blobs as {"$blob": base64}, so the caller keeps their types.
"""

import base64
import datetime
import json
import sys

import botocore.config
import botocore.exceptions
import botocore.session

session = botocore.session.get_session()
clients = {}
# One attempt, as the tests' SDK clients make (maxAttempts: 1): a retry would hide the first answer.
CONFIG = botocore.config.Config(retries={"total_max_attempts": 1}, connect_timeout=10, read_timeout=30)


# Services named by their signing name where botocore's client name differs (Elastic Load Balancing v2 signs as
# `elasticloadbalancing`, the sandbox's name for it; its botocore client is `elbv2`; CloudWatch signs as `monitoring`).
CLIENT_NAMES = {"elasticloadbalancing": "elbv2", "monitoring": "cloudwatch"}


def client_for(request):
    key = (request["service"], request["endpoint"], request["region"], request["accessKeyId"], json.dumps(request.get("headers") or {}))
    if key not in clients:
        client = session.create_client(
            CLIENT_NAMES.get(request["service"], request["service"]),
            region_name=request["region"],
            endpoint_url=request["endpoint"],
            aws_access_key_id=request["accessKeyId"],
            aws_secret_access_key=request["secretAccessKey"],
            config=CONFIG,
        )
        extra = request.get("headers") or {}
        if extra:
            # Added before signing, as a header the caller's endpoint reads (moto's x-moto-account-id).
            def add_headers(request, **_):
                for name, value in extra.items():
                    request.headers[name] = value

            client.meta.events.register("before-sign", add_headers)
        clients[key] = client
    return clients[key]


def encode(value):
    if isinstance(value, datetime.datetime):
        return {"$timestamp": value.isoformat()}
    if isinstance(value, (bytes, bytearray)):
        return {"$blob": base64.b64encode(value).decode("ascii")}
    if isinstance(value, dict):
        return {key: encode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [encode(item) for item in value]
    if hasattr(value, "read"):  # a streaming body
        return {"$blob": base64.b64encode(value.read()).decode("ascii")}
    return value


def answer(request):
    try:
        client = client_for(request)
        output = getattr(client, botocore.xform_name(request["operation"]))(**(request.get("params") or {}))
        output.pop("ResponseMetadata", None)
        return {"output": encode(output)}
    except botocore.exceptions.ClientError as error:
        details = error.response.get("Error", {})
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        return {"error": {"code": details.get("Code", ""), "message": details.get("Message", ""), "status": status}}
    except Exception as error:  # noqa: BLE001 - reported to the caller, which decides
        return {"fault": f"{type(error).__name__}: {error}"}


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        reply = {"id": request.get("id")}
        reply.update(answer(request))
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
