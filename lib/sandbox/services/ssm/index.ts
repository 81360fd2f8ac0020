/**
 * AWS Systems Manager Parameter Store (AWS JSON 1.1, target prefix `AmazonSSM`): the operations
 * scripts/generate-aws-models.py lists for ssm. Regional: each Region of a learner's account has its own
 * parameters. ECS reads them through secrets/resolve.ts, never through these operations.
 */
import type { ServiceProvider } from "../provider";
import { describeParameters, getParametersByPath } from "./describe";
import {
  deleteParameter,
  deleteParameters,
  getParameter,
  getParameterHistory,
  getParameters,
  labelParameterVersion,
  putParameter,
} from "./parameters";

export const ssmProvider: ServiceProvider = {
  service: "ssm",
  global: false,
  operations: {
    DeleteParameter: deleteParameter,
    DeleteParameters: deleteParameters,
    DescribeParameters: describeParameters,
    GetParameter: getParameter,
    GetParameterHistory: getParameterHistory,
    GetParameters: getParameters,
    GetParametersByPath: getParametersByPath,
    LabelParameterVersion: labelParameterVersion,
    PutParameter: putParameter,
  },
};
