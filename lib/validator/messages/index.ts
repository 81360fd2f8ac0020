import type { Lang } from "../types";
import { awsText } from "./aws";
import { en } from "./en";
import { ja } from "./ja";
import type { Catalog, FixKind, FixParams, MessageParams, RuleId } from "./params";

export const CATALOGS: Record<Lang, Catalog> = { en, ja };

/** Between AWS's verbatim words and our explanation, in every language. */
export const AWS_SEPARATOR = " — ";

export interface ComposedMessage {
  message: string;
  awsMessage?: string;
}

export function composeMessage<K extends RuleId>(ruleId: K, params: MessageParams[K], lang: Lang): ComposedMessage {
  const rule = CATALOGS[lang].rules[ruleId] as Catalog["rules"][K];
  const explanation = rule.explain(params);
  const aws = awsText(ruleId, params);
  return aws === undefined ? { message: explanation } : { message: aws + AWS_SEPARATOR + explanation, awsMessage: aws };
}

export function fixTitle<K extends FixKind>(kind: K, params: FixParams[K], lang: Lang): string {
  const title = CATALOGS[lang].fixes[kind] as (p: FixParams[K]) => string;
  return title(params);
}

export type { Catalog, FixKind, FixParams, MessageParams, RuleId } from "./params";
