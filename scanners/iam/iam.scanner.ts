// The IAM scanner: one global unit per account (region "global"). Collects every role, user, group and
// managed policy through GetAccountAuthorizationDetails, role session durations through ListRoles, and
// service last accessed details for the roles Lambda functions use; see collect.ts and normalize.ts.
import type { IamClients } from "@/lib/aws/clients";
import type { ScannerDefinition } from "@/scanners/types";
import { collectIam } from "@/scanners/iam/collect";
import { normalizeIam, type IamOutput } from "@/scanners/iam/normalize";
import type { IamRaw } from "@/scanners/iam/raw";

export const iamScanner = {
  id: "iam",
  scope: "global",
  apis: [
    "iam:GetAccountAuthorizationDetails",
    "iam:ListRoles",
    "iam:GenerateServiceLastAccessedDetails",
    "iam:GetServiceLastAccessedDetails",
  ],
  collect: (clients, ctx) => collectIam(clients, ctx),
  normalize: normalizeIam,
} as const satisfies ScannerDefinition<IamClients, IamRaw, IamOutput>;
