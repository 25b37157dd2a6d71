// IAM condition operators, parsed once for every analysis that reads conditions (public-policy exposure,
// trust policies, API resource policies, statement checks): "ForAnyValue:StringLikeIfExists" ->
// { base: "stringlike", ifExists: true, set: "any" }. Lower-cased, because IAM compares operators case-blind.
export type ParsedOperator = { base: string; ifExists: boolean; set: "any" | "all" | null };

export function parseOperator(operator: string): ParsedOperator {
  let rest = operator.toLowerCase();
  let set: ParsedOperator["set"] = null;
  if (rest.startsWith("foranyvalue:")) {
    set = "any";
    rest = rest.slice("foranyvalue:".length);
  } else if (rest.startsWith("forallvalues:")) {
    set = "all";
    rest = rest.slice("forallvalues:".length);
  }
  const ifExists = rest.endsWith("ifexists");
  if (ifExists) rest = rest.slice(0, -"ifexists".length);
  return { base: rest, ifExists, set };
}
