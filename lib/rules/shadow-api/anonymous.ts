// SA-06 shared: an endpoint that accepts anonymous calls must at least be logged on every stage that serves it.
import type { Endpoint } from "@/lib/analysis/endpoints";
import type { RuleResult } from "@/lib/rules/types";
import { endpointBase, endpointEvidence, listOf } from "@/lib/rules/apigateway/support";

export function judgeAnonymousLogged(e: Endpoint, kind: string): RuleResult {
  const base = endpointBase(e);
  const evidence = endpointEvidence(e);
  const name = `${kind === "REST API" ? "Method" : "Route"} ${e.label} of ${kind} ${e.api?.name}`;
  if (e.isCorsPreflight || e.integration?.type === "MOCK") {
    return { ...base, status: "PASS", message: `${name} is answered by a MOCK integration and runs no backend.`, evidence };
  }
  if (e.auth.level === "unknown") {
    return { ...base, status: "UNKNOWN", message: `Could not determine whether ${name} authenticates callers: ${e.auth.reason}`, evidence };
  }
  if (e.auth.level !== "none") {
    return { ...base, status: "PASS", message: `${name} does not accept anonymous calls (${e.auth.level === "api_key" ? "API key required" : e.auth.level === "closed" ? "closed by its resource policy" : e.auth.authorizationType}).`, evidence };
  }
  const serving = e.stages.filter((s) => s.serves !== false);
  if (serving.length === 0) {
    return { ...base, status: "PASS", message: `${name} accepts anonymous calls but no stage serves it.`, evidence };
  }
  const unlogged = serving.filter((s) => !s.logged);
  if (unlogged.length > 0) {
    return {
      ...base,
      status: "FAIL",
      message: `${name} accepts anonymous calls and stage${unlogged.length === 1 ? "" : "s"} ${listOf(unlogged.map((s) => s.name))} keep${unlogged.length === 1 ? "s" : ""} no log of them.`,
      evidence,
    };
  }
  return { ...base, status: "PASS", message: `${name} accepts anonymous calls, and every stage serving it logs them.`, evidence };
}
