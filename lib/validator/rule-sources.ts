/**
 * What kind of evidence a rule rests on, read from its source note (validator-rules.md's Sources column, e.g.
 * "[AWS-obs] aws/aws-cli#4453; cfn-lint E3048"). The notes themselves are references for maintainers — issue numbers,
 * linter rule ids — so the rules page shows a learner these kinds, in the learner's language, and the note below.
 */
export const SOURCE_KINDS = ["aws-doc", "aws-observed", "aws-cli", "api-model", "cloudformation", "security-standard", "docker", "course"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

const PATTERNS: Record<SourceKind, RegExp> = {
  "aws-doc": /\[AWS-doc\]|ECS (service )?quotas|(ECS|AWS)[\w ]* best practices|AWS .*notice/i,
  "aws-observed": /\[AWS-obs\]/,
  "aws-cli": /\[CLI\]|json\.loads|botocore/,
  "api-model": /API model/i,
  cloudformation: /cfn-lint|CFN schema|CloudFormation/,
  "security-standard": /Security Hub|\bConfig\b|CT\.ECS|checkov|trivy|KICS/,
  docker: /\[Docker-doc\]|Docker /,
  course: /our addition|ECS Dojo|validator-rules\.md/,
};

/** The kinds of evidence named in a source note, in SOURCE_KINDS order; "course" when it names none. */
export function sourceKinds(note: string): SourceKind[] {
  const kinds = SOURCE_KINDS.filter((kind) => PATTERNS[kind].test(note));
  return kinds.length > 0 ? kinds : ["course"];
}
