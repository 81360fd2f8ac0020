/**
 * One line of Japanese under an AWS error in the browser terminal (AWS's English text stays above it, verbatim):
 * the validator's own Japanese explanation when the request that failed is one it checks and one of its diagnostics
 * carries exactly AWS's words; otherwise a short line for the error code; otherwise a generic line naming the code.
 */
import { AWS_SEPARATOR } from "../validator/messages";
import { validate } from "../validator";
import type { InputKind } from "../validator/types";

export interface ServiceErrorInfo {
  code: string;
  operation: string;
  message: string;
}

/** Operations whose request body is what the validator checks (the JSON the editor holds). */
const VALIDATED: Record<string, InputKind> = {
  RegisterTaskDefinition: "RegisterTaskDefinition",
  CreateService: "CreateService",
  UpdateService: "UpdateService",
};

/** Short lines for the codes a learner of ECS meets most; the message above them says which resource. */
const BY_CODE: Record<string, string> = {
  ClusterNotFoundException: "指定したクラスターが見つかりません。名前 (--cluster) とリージョンを確認し、なければ aws ecs create-cluster で作成してください。",
  ServiceNotFoundException: "指定したサービスが見つかりません。クラスターとサービス名を確認してください (aws ecs list-services で一覧できます)。",
  ServiceNotActiveException: "サービスが ACTIVE ではありません (削除済みまたは削除中)。同じ名前で作り直すか、別の名前を使ってください。",
  ClusterContainsServicesException: "クラスターにまだサービスがあります。先にサービスを削除してからクラスターを削除してください。",
  ClusterContainsTasksException: "クラスターにまだ実行中のタスクがあります。タスクを停止してからクラスターを削除してください。",
  InvalidParameterException: "パラメーターの値が正しくありません。上の英語のメッセージが、どのパラメーターの何が問題かを示しています。",
  ClientException: "リクエストの内容に問題があります (存在しないリソースの指定など)。上の英語のメッセージで原因を確認してください。",
  ValidationException: "入力値が制約を満たしていません。上の英語のメッセージが、どの値の何が問題かを示しています。",
  AccessDeniedException: "この操作を行う権限がありません。認証情報とロールのポリシーを確認してください。",
  ResourceNotFoundException: "指定したリソースが見つかりません。名前、ARN、リージョンを確認してください。",
  ResourceInUseException: "リソースが使用中のため、この操作はできません。",
  LimitExceededException: "上限に達しました。不要なリソースを削除するか、値を小さくしてください。",
  ServerException: "サービス側のエラーです。しばらくしてからもう一度実行してください。",
  UnsupportedFeatureException: "この機能はこのリージョンまたはこの構成ではサポートされていません。",
  InvalidSignatureException: "リクエストの署名が正しくありません。認証情報が変わっていないか確認してください (ページを再読み込みすると最新の認証情報を使います)。",
  UnrecognizedClientException: "アクセスキーが認識されません。ページを再読み込みして、サンドボックスの最新の認証情報を使ってください。",
  RepositoryNotFoundException: "指定した ECR リポジトリが見つかりません。名前とリージョンを確認してください。",
  NoSuchEntity: "指定した IAM のエンティティ (ロール、ポリシーなど) が見つかりません。",
  ParameterNotFound: "指定した SSM パラメーターが見つかりません。名前とリージョンを確認してください。",
};

/** The Japanese line for `error`; `requestBody` is the JSON the failed call sent (for the validator's match). */
export function explainServiceErrorJa(error: ServiceErrorInfo, requestBody?: string): string {
  return fromValidator(error, requestBody) ?? BY_CODE[error.code] ?? `AWS が ${error.operation} の呼び出しをエラー ${error.code} で拒否しました。理由は上の英語のメッセージにあります。`;
}

function fromValidator(error: ServiceErrorInfo, requestBody: string | undefined): string | undefined {
  const kind = VALIDATED[error.operation];
  if (!kind || !requestBody) return undefined;
  const diagnostics = validate(requestBody, { lang: "ja", kind });
  const match = diagnostics.find((d) => d.awsMessage !== undefined && d.awsMessage === error.message);
  if (!match) return undefined;
  const prefix = match.awsMessage + AWS_SEPARATOR;
  const explanation = match.message.startsWith(prefix) ? match.message.slice(prefix.length) : match.message;
  // One line: the validator's explanation may run over several (a fix on the next line).
  return explanation.split("\n")[0];
}
