/** The draft-07 JSON Schema of RegisterTaskDefinition input, for the editor's JSON language service (Monaco). */
import schema from "./generated/register-task-definition.schema.json";

export const registerTaskDefinitionSchema: Record<string, unknown> & { $id: string } = schema;

/** The URI to register the schema under (`monaco.json.jsonDefaults.setDiagnosticsOptions({ schemas: [...] })`). */
export const REGISTER_TASK_DEFINITION_SCHEMA_URI: string = schema.$id;
