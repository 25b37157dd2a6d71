// Account onboarding: the member accounts of an AWS Organization (to propose them with one click) and
// the regions enabled in an account (the default region list of a new account, overridable).
import { paginateListAccounts } from "@aws-sdk/client-organizations";
import { paginateListRegions } from "@aws-sdk/client-account";
import { DescribeRegionsCommand } from "@aws-sdk/client-ec2";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { z } from "zod";
import type { AccountDiscoveryClients } from "@/lib/aws/clients";

export const ZMemberAccount = z.object({
  id: z.string().regex(/^\d{12}$/),
  name: z.string(),
  email: z.string().nullable(),
  status: z.string().nullable(),
});
export type TMemberAccount = z.infer<typeof ZMemberAccount>;

/** organizations:ListAccounts, every page. Only an organization's management (or delegated admin) account may call it. */
export async function listOrganizationAccounts(clients: Pick<AccountDiscoveryClients, "organizations">): Promise<TMemberAccount[]> {
  const out: TMemberAccount[] = [];
  for await (const page of paginateListAccounts({ client: clients.organizations }, {})) {
    for (const a of page.Accounts ?? []) {
      out.push(ZMemberAccount.parse({ id: a.Id, name: a.Name ?? a.Id, email: a.Email ?? null, status: a.Status ?? a.State ?? null }));
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export type RegionDiscovery = { regions: string[]; source: "account:ListRegions" | "ec2:DescribeRegions" };

/**
 * Regions enabled in the account. account:ListRegions tells opt-in status; where it is not allowed or not
 * available (the emulator lacks it), ec2:DescribeRegions lists the regions enabled for the caller.
 */
export async function discoverEnabledRegions(clients: Pick<AccountDiscoveryClients, "account" | "ec2">): Promise<RegionDiscovery> {
  try {
    const regions: string[] = [];
    for await (const page of paginateListRegions({ client: clients.account }, { RegionOptStatusContains: ["ENABLED", "ENABLED_BY_DEFAULT"] })) {
      for (const r of page.Regions ?? []) if (r.RegionName) regions.push(r.RegionName);
    }
    if (regions.length) return { regions: regions.sort(), source: "account:ListRegions" };
  } catch {
    // fall through to EC2; if that fails too, its error is the one reported
  }
  const r = await clients.ec2.send(new DescribeRegionsCommand({ AllRegions: false }));
  const regions = (r.Regions ?? [])
    .filter((x) => x.OptInStatus === undefined || x.OptInStatus !== "not-opted-in")
    .map((x) => x.RegionName)
    .filter((x): x is string => !!x)
    .sort();
  return { regions, source: "ec2:DescribeRegions" };
}

export async function callerAccountId(clients: Pick<AccountDiscoveryClients, "sts">): Promise<string> {
  const who = await clients.sts.send(new GetCallerIdentityCommand({}));
  if (!who.Account) throw new Error("STS GetCallerIdentity returned no account id.");
  return who.Account;
}
