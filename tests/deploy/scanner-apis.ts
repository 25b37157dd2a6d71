// The AWS APIs every scanner declares it calls (ScannerDefinition.apis). The scanner policy test checks
// that iam/lantern-scanner-policy.json grants each one, so a new call cannot ship without its permission.
// Add each new scanner here.
import { lambdaScanner } from "@/scanners/lambda/lambda.scanner";
import { iamScanner } from "@/scanners/iam/iam.scanner";
import { apiGatewayV2Scanner } from "@/scanners/apigatewayv2/apigatewayv2.scanner";
import { apiGatewayScanner } from "@/scanners/apigateway/apigateway.scanner";
import { neighboursScanner } from "@/scanners/neighbours/neighbours.scanner";

const SCANNERS: readonly { id: string; apis: readonly string[] }[] = [
  lambdaScanner,
  iamScanner,
  apiGatewayV2Scanner,
  apiGatewayScanner,
  neighboursScanner,
];

export function scannerApis(): { scanner: string; api: string }[] {
  return SCANNERS.flatMap((s) => s.apis.map((api) => ({ scanner: s.id, api })));
}
