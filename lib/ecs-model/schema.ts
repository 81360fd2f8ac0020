/** The draft-07 JSON Schemas of the inputs the editor knows, for its JSON language service (Monaco). */
import createService from "./generated/create-service.schema.json";
import schema from "./generated/register-task-definition.schema.json";
import updateService from "./generated/update-service.schema.json";
import type { InputOperation } from "./index";

export const registerTaskDefinitionSchema: Record<string, unknown> & { $id: string } = schema;

/** The URI to register the schema under (`monaco.json.jsonDefaults.setDiagnosticsOptions({ schemas: [...] })`). */
export const REGISTER_TASK_DEFINITION_SCHEMA_URI: string = schema.$id;

/** Every input's schema, by operation; each one's URI is its $id. */
export const INPUT_SCHEMAS: Record<InputOperation, Record<string, unknown> & { $id: string }> = {
  RegisterTaskDefinition: schema,
  CreateService: createService,
  UpdateService: updateService,
};
