// What a failed onboarding call means and what to do. Pure, safe for client components.
import type { TAwsCallError } from "@/lib/actions/onboarding-input";
import { explainError } from "./scan-status";
import { AWS_ACCESS_DOC_PATH, SHIPPED_POLICY_PATH, SHIPPED_ROLE_TEMPLATE_PATH, isAccessDenied } from "./scanner-policy";

const NOT_MANAGEMENT =
  "This account is not the management account of an organization, or Lantern's role lacks organizations:ListAccounts. " +
  "Pick the organization's management account (or its delegated administrator for AWS Organizations), or grant " +
  `organizations:ListAccounts to the role Lantern uses there (${SHIPPED_POLICY_PATH} grants it).`;

export function explainDiscoveryError({ api, code }: Pick<TAwsCallError, "api" | "code">): string {
  if (api.startsWith("organizations:") && (isAccessDenied(code) || /AWSOrganizationsNotInUse/i.test(code))) return NOT_MANAGEMENT;
  if (api === "ec2:DescribeRegions" && isAccessDenied(code)) {
    return (
      "Lantern's role in this account may call neither account:ListRegions nor ec2:DescribeRegions. " +
      `Grant one of them (${SHIPPED_POLICY_PATH} grants both, ${SHIPPED_ROLE_TEMPLATE_PATH} sets it up), or type the regions yourself.`
    );
  }
  if (api === "sts:AssumeRole") {
    return (
      "Lantern could not assume the account's role. Check that the role exists in that account, that its trust policy " +
      `lets the worker's credentials assume it, and the external id (${AWS_ACCESS_DOC_PATH} walks through it).`
    );
  }
  return explainError(api, code);
}
