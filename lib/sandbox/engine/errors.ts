/** A failure the ECS API models: `type` is the wire `__type`, `message` AWS's exact wording where known. */
export class EcsError extends Error {
  readonly type: string;

  constructor(type: string, message: string) {
    super(message);
    this.name = "EcsError";
    this.type = type;
  }
}

export const clientException = (message: string) => new EcsError("ClientException", message);
export const invalidParameter = (message: string) => new EcsError("InvalidParameterException", message);
export const serializationException = (message: string) => new EcsError("SerializationException", message);
export const clusterNotFound = () => new EcsError("ClusterNotFoundException", "Cluster not found.");
