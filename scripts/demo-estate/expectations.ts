// What every catalogue rule should conclude about the demo estate: for each rule id, resources that must FAIL
// (an open finding) and clean look-alikes that must PASS, as the resource ARNs the rule reports (function,
// role, policy, stage, method, route, authorizer, key, mapping ARNs). tests/integration/catalogue-on-demo
// checks them after one scan; a rule registered without an entry here fails that test.
//
// AWS generates the ids inside some ARNs (API, resource, route and authorizer ids, KMS key ids, mapping UUIDs),
// so those ARNs are templates with a placeholder the test fills from the scanned inventory (angle brackets, which
// no ARN, path or route key holds, unlike the braces of "/orders/{orderId}"):
//   <restapi:API>  <resource:API PATH>  <httpapi:API>  <route:API ROUTE-KEY>  <authorizer:API AUTHORIZER>
//   <kms:ALIAS>  <esm:FUNCTION SOURCE>   (API and authorizer by name, SOURCE as mapping-label's sourceName)
import type { DemoManifest } from "./manifest";
import type { Ctx, EstateSpec, Slot } from "./spec";

export type RuleExpectation = {
  /** Resources with an open finding of the rule after a scan. */
  fail: string[];
  /** Clean look-alikes the rule judges PASS (no finding). */
  pass: string[];
  /**
   * Why one side (or both) has no resource: what moto cannot show, or what the rule never reports by design.
   * Required whenever `fail` or `pass` is empty.
   */
  unknownOnEmulator?: string;
};

export type PlaceholderKind = "restapi" | "resource" | "httpapi" | "route" | "authorizer" | "kms" | "esm";

/** Looks up a generated id by what the estate calls the resource, in one region; undefined when it is not there. */
export type IdLookup = (kind: PlaceholderKind, key: string, region: string) => string | undefined;

const PLACEHOLDER = /<(restapi|resource|httpapi|route|authorizer|kms|esm):([^>]+)>/g;

/** The ARN a template names, with its placeholders filled; throws naming the first one that cannot be. */
export function resolveExpectedArn(template: string, lookup: IdLookup): string {
  const region = template.split(":")[3] ?? "";
  return template.replace(PLACEHOLDER, (_, kind: PlaceholderKind, key: string) => {
    const id = lookup(kind, key, region);
    if (!id) throw new Error(`demo estate expectation ${template}: no ${kind} "${key}" in ${region}`);
    return id;
  });
}

export function ruleExpectations(ctx: Ctx, spec: EstateSpec, planted: DemoManifest["planted"]): Record<string, RuleExpectation> {
  const acct = ctx.accountId;
  const region = (slot: Slot) => ctx.regions[slot];
  const fnSpec = (name: string) => {
    const f = spec.functions.find((x) => x.name === name);
    if (!f) throw new Error(`demo estate expectations: unknown function ${name}`);
    return f;
  };
  const fn = (name: string) => `arn:aws:lambda:${region(fnSpec(name).slot)}:${acct}:function:${name}`;
  const role = (name: string) => {
    const r = spec.roles.find((x) => x.name === name);
    if (!r) throw new Error(`demo estate expectations: unknown role ${name}`);
    return `arn:aws:iam::${acct}:role${r.path}${r.name}`;
  };
  const policy = (name: string) => {
    if (!spec.customerPolicies.some((p) => p.name === name)) throw new Error(`demo estate expectations: unknown policy ${name}`);
    return `arn:aws:iam::${acct}:policy/${name}`;
  };
  const restSpec = (name: string) => {
    const a = spec.restApis.find((x) => x.name === name);
    if (!a) throw new Error(`demo estate expectations: unknown REST API ${name}`);
    return a;
  };
  const httpSpec = (name: string) => {
    const a = spec.httpApis.find((x) => x.name === name);
    if (!a) throw new Error(`demo estate expectations: unknown HTTP API ${name}`);
    return a;
  };
  const restApi = (name: string) => `arn:aws:apigateway:${region(restSpec(name).slot)}::/restapis/<restapi:${name}>`;
  const restStage = (api: string, stage: string) => `${restApi(api)}/stages/${stage}`;
  const restMethod = (api: string, method: string, path: string) => `${restApi(api)}/resources/<resource:${api} ${path}>/methods/${method}`;
  const httpApi = (name: string) => `arn:aws:apigateway:${region(httpSpec(name).slot)}::/apis/<httpapi:${name}>`;
  const httpStage = (api: string, stage: string) => `${httpApi(api)}/stages/${stage}`;
  const route = (api: string, routeKey: string) => `${httpApi(api)}/routes/<route:${api} ${routeKey}>`;
  const authorizer = (api: string, name: string) => `${httpApi(api)}/authorizers/<authorizer:${api} ${name}>`;
  const queue = (slot: Slot, name: string) => `arn:aws:sqs:${region(slot)}:${acct}:${name}`;
  const topic = (slot: Slot, name: string) => `arn:aws:sns:${region(slot)}:${acct}:${name}`;
  const kmsKey = (alias: string) => {
    const k = spec.kmsKeys.find((x) => x.alias === alias);
    if (!k) throw new Error(`demo estate expectations: unknown KMS key ${alias}`);
    return `arn:aws:kms:${region(k.slot)}:${acct}:key/<kms:${alias}>`;
  };
  const mapping = (fnName: string, source: string) => `arn:aws:lambda:${region(fnSpec(fnName).slot)}:${acct}:event-source-mapping:<esm:${fnName} ${source}>`;
  const domain = (name: string) => {
    const d = spec.domainNames.find((x) => x.name === name);
    if (!d) throw new Error(`demo estate expectations: unknown domain name ${name}`);
    return `arn:aws:apigateway:${region(d.slot)}::/domainnames/${name}`;
  };
  const layerVersions = (grant: "anyone" | "organization") => (grant === "anyone" ? planted.publicLayer : planted.orgSharedLayer);
  const trail = spec.trails[0];

  return {
    // ---- Lambda exposure ----
    lambda_function_not_publicly_accessible: { fail: planted.publicPolicy, pass: planted.conditionedPublic },
    lambda_function_service_permission_source_restricted: {
      fail: planted.confusedDeputy,
      pass: [fn("image-thumbnailer"), fn("nightly-report"), fn("partner-callback-relay"), fn("eu-invoice-archiver")],
    },
    lambda_function_url_auth_required: { fail: planted.publicUrl, pass: planted.iamUrl },
    lambda_function_url_cors_origin_restricted: { fail: planted.corsAnyOriginUrl, pass: [fn("eu-data-export")] },
    lambda_function_policy_no_untrusted_account_access: {
      fail: planted.crossAccountInvoke,
      pass: [fn("settlement-reconciler"), fn("invoice-pdf-renderer"), fn("orders-api-handler")],
    },
    lambda_function_policy_no_not_principal_allow: {
      fail: [],
      pass: [fn("promo-banner-api"), fn("settlement-reconciler")],
      unknownOnEmulator:
        "No plant can fail it: AddPermission, the only way to write a function's resource policy (on AWS as on moto), never writes NotPrincipal.",
    },
    lambda_function_not_internet_reachable_without_auth: {
      // Public function URLs (legacy-geoip-lookup, ...) are not among them: no permission admits the public to the URL.
      fail: [fn("payments-webhook"), fn("promo-banner-api"), fn("user-signup"), fn("partner-callback-relay"), fn("ops-dashboard-stream")],
      pass: [],
      unknownOnEmulator:
        "PASS cannot be seen on moto: it does not implement apigatewayv2:GetAuthorizers, so every HTTP API's authorizers are read " +
        "partially and the APIs of both regions count as not read completely (UNKNOWN for every function that is not open).",
    },
    lambda_function_layers_from_trusted_accounts: {
      fail: [],
      pass: [fn("order-lookup"), fn("receipt-ocr")],
      unknownOnEmulator:
        "No function can load another account's layer on moto: it resolves a layer version ARN by name and version in the caller's " +
        "own account and region, and stores its own ARN.",
    },
    lambda_layer_version_not_public: { fail: layerVersions("anyone"), pass: layerVersions("organization") },
    lambda_function_apigateway_permission_scoped: { fail: planted.anyApiSourceArn, pass: [fn("orders-api-handler"), fn("settlement-reconciler")] },

    // ---- Lambda configuration ----
    lambda_function_runtime_supported: { fail: planted.deprecatedRuntime, pass: [fn("orders-api-handler"), fn("settlement-reconciler")] },
    lambda_function_no_secrets_in_environment: { fail: planted.secretEnv, pass: [fn("payments-webhook"), fn("refund-processor")] },
    lambda_function_no_secrets_in_code: {
      fail: [],
      pass: [],
      unknownOnEmulator:
        "UNKNOWN on moto: code scanning is opt-in (LANTERN_SCAN_FUNCTION_CODE), and it only downloads packages from amazonaws.com, " +
        "while moto's GetFunction Code.Location points at the emulator.",
    },
    lambda_function_env_encrypted_with_cmk: {
      fail: [fn("orders-api-handler"), fn("payment-intent-creator")],
      pass: [fn("eu-vat-calculator")],
      unknownOnEmulator:
        "The customer managed key look-alike cannot be planted: moto drops a function's KMSKeyArn. The pass case is a function with no variables.",
    },
    lambda_function_async_failure_destination_configured: {
      fail: [fn("nightly-report"), fn("marketing-events-forwarder")],
      pass: [fn("invoice-pdf-renderer"), fn("payments-webhook")],
    },
    lambda_function_tracing_active: { fail: [fn("api-token-authorizer")], pass: [fn("orders-api-handler")] },
    lambda_function_in_vpc: { fail: [fn("orders-api-handler")], pass: [fn("fraud-scorer"), fn("ledger-db-migrator")] },
    lambda_function_vpc_multi_az: { fail: [fn("ledger-db-migrator")], pass: [fn("fraud-scorer")] },
    lambda_function_reserved_concurrency_when_exposed: {
      fail: [fn("legacy-geoip-lookup"), fn("partner-callback-relay")],
      pass: [fn("status-page-feed"), fn("internal-metrics-ingest")],
    },
    lambda_function_code_signing_configured: { fail: [fn("orders-api-handler")], pass: [fn("payments-webhook")] },
    lambda_function_invoke_logged_by_cloudtrail: {
      fail: [fn("orders-api-handler"), fn("eu-checkout-api")],
      pass: trail.functions.map(fn),
    },
    lambda_function_can_write_logs: {
      fail: [fn("card-bin-lookup")],
      pass: [fn("orders-api-handler"), fn("payments-webhook"), fn("eu-vat-calculator")],
    },
    lambda_function_owner_tagged: { fail: planted.untagged, pass: [fn("orders-api-handler")] },

    // ---- Event sources ----
    lambda_function_event_sources_inventoried: {
      fail: [],
      pass: [fn("order-fulfilment"), fn("orders-api-handler")],
      unknownOnEmulator: "Informational: it lists each function's event sources and never fails.",
    },
    s3_bucket_trigger_not_publicly_writable: {
      fail: [],
      pass: [`arn:aws:s3:::acme-user-uploads-${acct}`],
      unknownOnEmulator:
        "A bucket writable by anyone is UNKNOWN by design, never FAIL: the account-level Block Public Access setting that may " +
        "cancel it is not read yet.",
    },
    sns_topic_trigger_not_publicly_writable: { fail: [topic(0, "acme-partner-events")], pass: [topic(0, "invoice-render-requests")] },
    sqs_queue_trigger_not_publicly_writable: { fail: planted.publicQueue, pass: [queue(0, "orders-fulfilment"), queue(1, "gdpr-erasure-requests")] },
    sns_topic_encrypted_at_rest: { fail: [topic(0, "acme-partner-events")], pass: [topic(0, "invoice-render-requests")] },
    sqs_queue_encrypted_at_rest: { fail: [queue(0, "invoice-dlq")], pass: [queue(0, "orders-fulfilment"), queue(0, "async-failures")] },
    kms_key_of_serverless_resource_rotation_enabled: { fail: [kmsKey("alias/acme-privacy-queues")], pass: [kmsKey("alias/acme-orders-queues")] },
    lambda_function_trigger_sources_exist: { fail: [fn("settlement-reconciler")], pass: [fn("orders-api-handler"), fn("user-profile")] },
    lambda_event_source_mapping_failure_destination_configured: {
      fail: [mapping("clickstream-aggregator", "clickstream-eu")],
      pass: [mapping("orders-stream-processor", "orders"), mapping("fraud-scorer", "payment-events")],
    },
    lambda_event_source_mapping_not_disabled: {
      fail: [mapping("customer-sync", "customers-eu")],
      pass: [mapping("order-fulfilment", "orders-fulfilment"), mapping("orders-stream-processor", "orders")],
    },

    // ---- IAM ----
    iam_role_trust_not_public: { fail: [role("vendor-support-access")], pass: [role("external-auditor"), role("ops-break-glass")] },
    iam_role_trust_no_conditional_public_access: { fail: [role("external-auditor")], pass: [role("ops-break-glass"), role("orders-api-handler-role")] },
    iam_role_trust_no_untrusted_cross_account: {
      fail: planted.crossAccountTrust,
      pass: [role("ops-break-glass"), role("orders-api-handler-role")],
    },
    iam_role_service_trust_confused_deputy_protected: {
      fail: [role("nightly-report-scheduler")],
      pass: [role("fx-refresh-scheduler"), role("orders-api-handler-role")],
    },
    iam_role_not_shared_by_lambda_functions: { fail: planted.sharedRole, pass: [role("orders-api-handler-role")] },
    iam_role_used_recently: {
      fail: [],
      pass: [role("orders-api-handler-role")],
      unknownOnEmulator: "No role can be old on moto: it dates every role at the moment it is created and records no use.",
    },
    iam_policy_no_allow_not_action: { fail: [policy("acme-contractor-baseline")], pass: [policy("acme-developer-access"), policy("acme-workload-boundary")] },
    iam_role_inline_policy_no_allow_not_action: { fail: [role("ops-break-glass")], pass: [role("orders-api-handler-role")] },
    iam_policy_no_permissive_role_assumption: { fail: [policy("acme-ops-break-glass")], pass: [policy("acme-developer-access")] },
    iam_role_inline_policy_no_permissive_role_assumption: { fail: [role("partner-callback-relay-role")], pass: [role("orders-api-handler-role")] },
    iam_policy_no_full_access_to_critical_services: {
      fail: [policy("acme-ops-break-glass")],
      pass: [policy("acme-developer-access"), policy("acme-workload-boundary")],
    },
    iam_role_inline_policy_no_full_access_to_critical_services: { fail: [role("card-bin-lookup-role")], pass: [role("orders-api-handler-role")] },
    iam_policy_no_wildcard_account_resources: {
      fail: [policy("acme-partner-event-publisher")],
      // acme-developer-access names log groups in any region ("arn:aws:logs:*:<account>:..."): a wildcard, not in the account.
      pass: [policy("acme-developer-access")],
    },
    iam_role_inline_policy_no_wildcard_account_resources: {
      fail: [role("ledger-db-migrator-role")],
      // Its execute-api ARN has a wildcard API id in this account.
      pass: [role("order-tracking-feed-role"), role("external-auditor")],
    },
    iam_role_no_inline_policies: { fail: [role("orders-api-handler-role")], pass: [role("admin-ops-runner-role")] },
    // Effective-permission rules (lib/analysis/iam).
    iam_role_no_administrator_access: { fail: planted.adminRole, pass: [role("legacy-lambda-role"), role("card-bin-lookup-role")] },
    iam_role_no_service_wildcard: {
      fail: [...planted.serviceWildcardRole, role("ops-break-glass")],
      pass: [role("orders-api-handler-role"), role("external-auditor")],
    },
    iam_role_no_unconstrained_infrastructure_modification: {
      fail: [role("legacy-lambda-role"), role("card-bin-lookup-role")],
      pass: [role("external-auditor"), role("nightly-report-scheduler")],
    },
    iam_role_no_unconstrained_data_exfiltration: {
      fail: [...planted.unscopedSecretRead, role("image-thumbnailer-role")],
      // refund-processor reads one named secret; card-bin-lookup's kms:* decrypts but exfiltrates nothing by itself.
      pass: [role("refund-processor-role"), role("card-bin-lookup-role")],
    },
    iam_role_no_credentials_exposure: { fail: [role("ops-break-glass"), role("nightly-report-role")], pass: [role("legacy-lambda-role"), role("card-bin-lookup-role")] },
    iam_role_no_resource_exposure: {
      fail: [role("card-bin-lookup-role"), role("image-thumbnailer-role")],
      pass: [role("legacy-lambda-role"), role("external-auditor")],
    },
    iam_role_no_privilege_escalation: {
      fail: [...planted.passRoleStar, role("ops-break-glass")],
      // sts:AssumeRole on "*" reaches only roles whose trust needs a condition it cannot meet; an administrator has nothing to gain.
      pass: [role("partner-callback-relay-role"), role("admin-ops-runner-role"), role("orders-api-handler-role")],
    },
    iam_role_no_transitive_privilege_escalation: {
      fail: [...planted.passRoleStar, role("ops-break-glass")],
      pass: [role("card-bin-lookup-role"), role("orders-api-handler-role")],
    },
    iam_role_no_unused_services: {
      fail: [],
      pass: [],
      unknownOnEmulator:
        "UNKNOWN on moto: it does not implement iam:GenerateServiceLastAccessedDetails, so no role has last-accessed data.",
    },
    lambda_function_not_modifiable_by_less_privileged_principals: {
      fail: [fn("nightly-report"), fn("orders-api-handler")],
      pass: [],
      unknownOnEmulator:
        "No look-alike: the estate's CI user ci-deployer (R-09's own bad fixture) may update every function and holds no logging " +
        "permission, so every function whose role can write logs has a less privileged modifier.",
    },

    // ---- Attack paths ----
    attack_path_internet_to_privileged_function: {
      fail: [fn("eu-partner-sync"), fn("legacy-coupon-redeemer")],
      // Reachable without authentication, but their roles hold nothing worth the path.
      pass: [fn("payments-webhook"), fn("promo-banner-api")],
    },

    // ---- API Gateway REST ----
    apigateway_rest_api_method_authorization_required: {
      fail: [restMethod("acme-partner-callbacks-api", "POST", "/callbacks/{partner}"), restMethod("acme-orders-api", "POST", "/webhooks/stripe")],
      // /health is a MOCK (no backend); POST /checkout requires an API key.
      pass: [restMethod("acme-orders-api", "GET", "/health"), restMethod("acme-eu-checkout-api", "POST", "/checkout"), restMethod("acme-orders-api", "GET", "/orders")],
    },
    apigateway_rest_api_endpoint_not_public: {
      fail: [restApi("acme-orders-api"), restApi("acme-partner-callbacks-api")],
      pass: [restApi("acme-internal-reports-api"), restApi("acme-admin-api")],
    },
    apigateway_rest_api_public_requires_authentication: {
      fail: [restApi("acme-partner-callbacks-api")],
      pass: [restApi("acme-orders-api"), restApi("acme-eu-checkout-api"), restApi("acme-internal-reports-api")],
    },
    apigateway_rest_api_policy_not_public: { fail: [restApi("acme-admin-api")], pass: [restApi("acme-internal-reports-api"), restApi("acme-orders-api")] },
    apigateway_rest_api_private_policy_restricts_vpc: { fail: [restApi("acme-admin-api")], pass: [restApi("acme-internal-reports-api")] },
    apigateway_rest_api_stage_execution_logging_enabled: {
      fail: planted.restStageNoLogging.map((s) => restStage(s.split("/")[0], s.split("/")[1])),
      pass: [restStage("acme-orders-api", "prod"), restStage("acme-internal-reports-api", "prod")],
    },
    apigateway_rest_api_stage_waf_enabled: { fail: [restStage("acme-eu-checkout-api", "prod")], pass: [restStage("acme-orders-api", "prod")] },
    apigateway_rest_api_stage_tracing_enabled: { fail: [restStage("acme-admin-api", "internal")], pass: [restStage("acme-orders-api", "prod")] },
    apigateway_rest_api_stage_cache_encrypted: {
      fail: [restStage("acme-partner-callbacks-api", "v2")],
      pass: [restStage("acme-partner-callbacks-api", "v1"), restStage("acme-orders-api", "prod")],
    },
    apigateway_rest_api_stage_client_certificate_enabled: {
      fail: [restStage("acme-partner-callbacks-api", "v2"), restStage("acme-partner-callbacks-api", "v1")],
      pass: [restStage("acme-orders-api", "prod")],
    },
    apigateway_stage_no_secrets_in_variables: {
      fail: [restStage("acme-partner-callbacks-api", "v2")],
      pass: [restStage("acme-orders-api", "prod"), restStage("acme-partner-callbacks-api", "v1")],
    },
    apigateway_rest_api_request_validation_enabled: { fail: [restApi("acme-orders-api")], pass: [restApi("acme-internal-reports-api")] },
    apigateway_domain_name_tls_policy_current: { fail: planted.weakTlsDomain, pass: [domain("api.acmepayments.example")] },
    apigateway_rest_api_stage_throttled: {
      fail: [restStage("acme-partner-callbacks-api", "v2"), restStage("acme-partner-callbacks-api", "v1")],
      // The EU checkout stage sets no rate of its own: the usage plan throttles its API-key method.
      pass: [restStage("acme-orders-api", "prod"), restStage("acme-eu-checkout-api", "prod")],
    },

    // ---- API Gateway HTTP / WebSocket ----
    apigatewayv2_api_route_authorization_required: {
      fail: [route("acme-mobile-bff", "POST /signup"), route("acme-partner-api", "GET /banners")],
      pass: [route("acme-mobile-bff", "GET /profile"), route("acme-merchant-portal-api", "GET /settlements")],
    },
    apigatewayv2_api_stage_access_logging_enabled: {
      fail: [httpStage("acme-partner-api", "$default"), httpStage("acme-ops-dashboard-ws", "production")],
      pass: [httpStage("acme-mobile-bff", "$default"), httpStage("acme-order-tracking-ws", "production")],
    },
    apigatewayv2_api_private_integration_tls_enabled: { fail: [httpApi("acme-merchant-portal-api")], pass: [httpApi("acme-mobile-bff")] },
    apigatewayv2_api_websocket_connect_authorized: {
      fail: [route("acme-ops-dashboard-ws", "$connect")],
      pass: [route("acme-order-tracking-ws", "$connect")],
    },
    apigatewayv2_api_cors_credentials_restricted: {
      fail: [httpApi("acme-merchant-portal-api")],
      // mobile-bff: credentials for one named HTTPS origin; partner-api: "*" without credentials.
      pass: [httpApi("acme-mobile-bff"), httpApi("acme-partner-api")],
    },
    apigatewayv2_api_jwt_authorizer_audience_configured: {
      fail: [authorizer("acme-merchant-portal-api", "jwt")],
      pass: [authorizer("acme-mobile-bff", "jwt"), authorizer("acme-partner-api", "jwt")],
    },

    // ---- Shadow APIs ----
    apigateway_rest_api_default_endpoint_disabled: {
      fail: [restApi("acme-orders-api"), restApi("acme-eu-checkout-api")],
      pass: [restApi("acme-admin-api"), restApi("acme-partner-callbacks-api")],
    },
    apigatewayv2_api_default_endpoint_disabled: { fail: [httpApi("acme-mobile-bff")], pass: [httpApi("acme-partner-api")] },
    apigateway_rest_api_managed_by_iac: { fail: [restApi("acme-orders-api")], pass: [restApi("acme-internal-reports-api")] },
    apigatewayv2_api_managed_by_iac: { fail: [httpApi("acme-partner-api")], pass: [httpApi("acme-mobile-bff")] },
    lambda_function_endpoint_managed_by_iac: { fail: [fn("orders-api-handler")], pass: [fn("user-signup"), fn("user-profile")] },
    apigateway_rest_api_matches_openapi: {
      fail: [],
      pass: [],
      unknownOnEmulator:
        "UNKNOWN for every API: no OpenAPI document reaches the analysis yet (lib/db/inventory.ts loads openApiDocuments as []), " +
        "so there is no declared contract to compare with.",
    },
    apigatewayv2_api_matches_openapi: {
      fail: [],
      pass: [],
      unknownOnEmulator:
        "UNKNOWN for every API: no OpenAPI document reaches the analysis yet (lib/db/inventory.ts loads openApiDocuments as []), " +
        "so there is no declared contract to compare with.",
    },
    apigateway_rest_api_stage_not_stale: {
      fail: [restStage("acme-partner-callbacks-api", "v1")],
      pass: [restStage("acme-partner-callbacks-api", "v2"), restStage("acme-orders-api", "prod")],
    },
    apigatewayv2_api_stage_not_stale: {
      fail: [httpStage("acme-merchant-portal-api", "v1")],
      pass: [httpStage("acme-merchant-portal-api", "v2"), httpStage("acme-mobile-bff", "$default")],
    },
    lambda_function_url_not_bypassing_api: { fail: [fn("checkout-session-creator")], pass: [fn("order-lookup")] },
    apigateway_rest_api_anonymous_methods_logged: {
      fail: [restMethod("acme-partner-callbacks-api", "POST", "/callbacks/{partner}")],
      pass: [restMethod("acme-orders-api", "POST", "/webhooks/stripe")],
    },
    apigatewayv2_api_anonymous_routes_logged: {
      fail: [route("acme-partner-api", "GET /banners"), route("acme-ops-dashboard-ws", "$connect")],
      pass: [route("acme-mobile-bff", "POST /signup")],
    },

    // ---- Account guardrails ----
    accessanalyzer_external_access_enabled: {
      fail: [],
      pass: [],
      unknownOnEmulator: "UNKNOWN on moto: it does not implement IAM Access Analyzer (ListAnalyzers answers HTTP 500).",
    },
    accessanalyzer_no_active_findings: {
      fail: [],
      pass: [],
      unknownOnEmulator: "UNKNOWN on moto: it does not implement IAM Access Analyzer (ListAnalyzers answers HTTP 500).",
    },
  };
}
