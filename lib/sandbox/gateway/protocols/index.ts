import type { ServiceModel } from "@/lib/aws-models";
import { jsonProtocol } from "./json";
import type { WireProtocol } from "./protocol";

export type { WireProtocol } from "./protocol";

const PROTOCOLS: Partial<Record<ServiceModel["metadata"]["protocol"], WireProtocol>> = { json: jsonProtocol };

/** The protocol a service speaks (its model says which). */
export function protocolOf(model: ServiceModel): WireProtocol {
  const protocol = PROTOCOLS[model.metadata.protocol];
  if (!protocol) throw new Error(`no wire protocol ${model.metadata.protocol} for ${model.metadata.serviceId}`);
  return protocol;
}
