// Server side of account onboarding, shared by the onboarding actions: AWS clients acting as a configured
// account (or as typed credentials), and the organization's members marked with what Lantern already has.
import { accountDiscoveryClients, type ScanTarget } from "@/lib/aws/clients";
import { discoverEnabledRegions, listOrganizationAccounts, type RegionDiscovery } from "@/lib/aws/discovery";
import type { AccountTarget } from "@/lib/db/account-targets";
import { configuredAccountIds } from "@/lib/db/accounts";
import { env } from "@/lib/env";
import { awsCallError, partitionOf, type TAwsCallError, type TMemberListing } from "./onboarding-input";

type TCredentials = Pick<ScanTarget, "accountId" | "roleArn" | "externalId"> & { region?: string };

function clientsFor(c: TCredentials) {
  // Discovery calls are a handful per click: their counters are not reported anywhere.
  const metrics = { calls: 0, throttles: 0 };
  return accountDiscoveryClients({ ...c, region: c.region ?? env().LANTERN_DEFAULT_REGIONS[0] ?? "us-east-1" }, metrics);
}

export type TAwsAnswer<T> = { ok: true; value: T } | { ok: false; error: TAwsCallError };

/** organizations:ListAccounts as the management account, without it, each member marked configured or not. */
export async function listMembersVia(management: AccountTarget): Promise<TAwsAnswer<TMemberListing>> {
  let accounts: Awaited<ReturnType<typeof listOrganizationAccounts>>;
  try {
    accounts = await listOrganizationAccounts(clientsFor({ ...management, accountId: management.id, region: management.regions[0] }));
  } catch (err) {
    return { ok: false, error: awsCallError(err, "organizations:ListAccounts") };
  }
  const others = accounts.filter((a) => a.id !== management.id);
  const configured = await configuredAccountIds(others.map((a) => a.id));
  return {
    ok: true,
    value: {
      managementAccountId: management.id,
      managementName: management.name,
      partition: partitionOf(management.roleArn),
      members: others.map((a) => ({ ...a, configured: configured.has(a.id) })),
    },
  };
}

/** The account's enabled regions (account:ListRegions, else ec2:DescribeRegions) with the given credentials. */
export async function discoverRegionsAs(c: TCredentials): Promise<TAwsAnswer<RegionDiscovery>> {
  try {
    return { ok: true, value: await discoverEnabledRegions(clientsFor(c)) };
  } catch (err) {
    return { ok: false, error: awsCallError(err, "ec2:DescribeRegions") };
  }
}
