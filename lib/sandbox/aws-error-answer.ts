/**
 * The AWS error in an answer's body, whichever protocol wrote it: `__type`/`message` (JSON; the type without its
 * namespace, or the `x-amzn-errortype` header's) or `<Code>`/`<Message>` (XML). For the clients that read the
 * sandbox's answers (client.ts) and for the gateway's record of an answer another backend gave.
 */
export function awsErrorIn(body: string, errorTypeHeader?: string): { code?: string; message?: string } {
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    const type = json.__type ?? errorTypeHeader;
    const message = json.message ?? json.Message;
    return {
      code: type === undefined ? undefined : String(type).split(":")[0].split("#").pop(),
      message: message === undefined ? undefined : String(message),
    };
  } catch {
    const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1];
    return { code: tag("Code"), message: tag("Message") };
  }
}
