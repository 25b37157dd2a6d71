// Settings and wording shared by the SA-02 rules (API and function provenance).
import { z } from "zod";
import type { RuleSettingsSpec } from "@/lib/rules/types";

export type IacSettings = { markerTags: string[] };

export const IAC_SETTINGS: RuleSettingsSpec<IacSettings> = {
  schema: z.object({ markerTags: z.array(z.string().min(1)) }),
  defaults: { markerTags: [] },
  describe: {
    markerTags:
      'Extra tags that mark a resource as created by infrastructure as code, as "key" or "key=value" globs (e.g. ' +
      '"ManagedBy=terraform" for a Terraform default_tags convention). CloudFormation, SAM, CDK, Serverless ' +
      "Framework, Amplify and Copilot markers are always recognized.",
  },
};

export const IAC_RISK =
  "A resource created by hand is a shadow resource: it is not reviewed, versioned or torn down with the " +
  "application, and drifts from what its owners believe is deployed. Shadow APIs are where forgotten test " +
  "routes and debug endpoints live.";
