// The demo estate as data: "Acme Payments", a fictional payments company running its product on Lambda
// in two regions. Mostly well-built resources written the way teams write them, plus deliberate flaws of
// the kinds in research/checks-catalogue.md. estate.ts creates it; manifest.ts derives what was planted
// from this data, so the manifest cannot drift from what is created; expectations.ts says what every catalogue
// rule must conclude about it (a failing resource and a clean look-alike each).
//
// Region slot 0 is the primary region (default us-east-1), slot 1 the secondary (default eu-west-1).

export type Slot = 0 | 1;
export type Ctx = { accountId: string; regions: readonly [string, string] };

export type PolicyStatement = {
  Sid?: string;
  Effect: "Allow" | "Deny";
  /** One of Action and NotAction. */
  Action?: string | string[];
  NotAction?: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
};
export type PolicyDoc = { Version: "2012-10-17"; Statement: PolicyStatement[] };

/** A statement of a role's trust policy. */
export type TrustStatement = {
  Sid?: string;
  Effect: "Allow";
  Principal: { AWS?: string | string[]; Service?: string | string[] };
  Action: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
};

export type RoleSpec = {
  name: string;
  path: string;
  description: string;
  /** Extra principal trusted to assume the role, besides lambda.amazonaws.com. */
  extraTrustedAccount?: string;
  /** The whole trust policy, for roles that Lambda does not assume (then extraTrustedAccount is not used). */
  trust?: TrustStatement[];
  /** Inline policies: name -> document. */
  inline: Record<string, PolicyDoc>;
  /** AWS-managed policy names (attached by ARN under their real path) or customer-managed ones by name. */
  awsManaged: string[];
  customerManaged: string[];
  tags?: Record<string, string>;
  /** Customer-managed policy (by name) set as the role's permissions boundary. */
  permissionsBoundary?: string;
};

export type CustomerPolicySpec = {
  name: string;
  description: string;
  /** The default (newest) version. */
  document: PolicyDoc;
  /** Versions published before `document`, oldest first: the default version id is v<previousVersions.length + 1>. */
  previousVersions?: PolicyDoc[];
};

export type UserSpec = {
  name: string;
  path: string;
  groups: string[];
  inline: Record<string, PolicyDoc>;
  awsManaged: string[];
  customerManaged: string[];
  tags?: Record<string, string>;
};

export type GroupSpec = { name: string; path: string; inline: Record<string, PolicyDoc>; awsManaged: string[]; customerManaged: string[] };

export type PermissionSpec = {
  sid: string;
  principal: string;
  action?: string;
  sourceArn?: string;
  sourceAccount?: string;
  principalOrgId?: string;
};

/** A permission on an alias: always a service principal with SourceArn (never Principal "*"; see manifest.test.ts). */
export type AliasPermissionSpec = { sid: string; principal: `${string}.amazonaws.com`; sourceArn: string; sourceAccount?: string };

export type AliasSpec = {
  name: string;
  /** Version number (1-based, as published) the alias points at. */
  version: number;
  description: string;
  /** Weighted routing: this share of invocations goes to the other version (a canary release). */
  canary?: { version: number; weight: number };
  permission?: AliasPermissionSpec;
};

export type UrlSpec = {
  authType: "NONE" | "AWS_IAM";
  cors?: { AllowOrigins: string[]; AllowMethods: string[]; AllowHeaders?: string[]; MaxAge?: number };
};

export type EventSourceSpec =
  | { kind: "sqs"; queue: string; batchSize: number; enabled?: boolean }
  | { kind: "dynamodb"; table: string; batchSize: number; enabled?: boolean; onFailureQueue?: string }
  | { kind: "kinesis"; stream: string; batchSize: number; enabled?: boolean; onFailureQueue?: string };

export type FunctionSpec = {
  name: string;
  slot: Slot;
  runtime: string;
  role: string;
  description: string;
  memory: number;
  timeout: number;
  env?: Record<string, string>;
  tracing?: boolean;
  /** SQS queue name (same region) as the DeadLetterConfig target. moto 5.2.1 accepts but does not store it. */
  dlq?: string;
  /** SQS queue name (same region) as the async on-failure destination (PutFunctionEventInvokeConfig; stored). */
  onFailure?: string;
  /** Subnets (by name) of the VPC in the function's region; the function also gets that VPC's security group. */
  vpc?: { subnets: string[] };
  layer?: boolean;
  /** Attach the estate's code signing configuration (CODE_SIGNING_CONFIG; moto keeps the ARN without checking it). */
  codeSigning?: boolean;
  /** Its log group /aws/lambda/<name> exists already (the function has run), with this retention. */
  logRetentionDays?: number;
  reservedConcurrency?: number;
  tags?: Record<string, string>;
  url?: UrlSpec;
  permissions?: PermissionSpec[];
  eventSources?: EventSourceSpec[];
  /** Versions published from $LATEST, oldest first: each entry is the version's description. */
  versions?: string[];
  aliases?: AliasSpec[];
};

export type QueueSpec = {
  name: string;
  slot: Slot;
  redriveTo?: string;
  visibilityTimeout: number;
  publicSend?: boolean;
  /** Default SSE-SQS; a KMS key (alias of a KmsKeySpec in the same region), or none at all. */
  encryption?: { kmsKey: string } | "none";
};
/** A customer managed KMS key, named by its alias ("alias/..."). */
export type KmsKeySpec = { alias: string; slot: Slot; description: string; rotation: boolean };
export type TopicSpec = {
  name: string;
  slot: Slot;
  /** KmsMasterKeyId: an alias of a KmsKeySpec, or AWS's alias/aws/sns; absent = not encrypted. */
  kmsKey?: string;
  /** Adds a statement that lets anyone publish (Principal "*", no condition) to the default owner-only policy. */
  publicPublish?: boolean;
};
/** An S3 bucket (names are global in moto as in AWS: every name here ends with the account id). */
export type BucketSpec = { name: string; slot: Slot; blockPublicAccess: boolean };
export type SubnetSpec = { name: string; /** Availability Zone letter: "a" is <region>a. */ zone: string; cidr: string };
/** A VPC with its subnets and one security group for the functions in it; optionally an API Gateway v2 VPC link. */
export type VpcSpec = { name: string; slot: Slot; cidr: string; subnets: SubnetSpec[]; securityGroup: string; vpcLink?: { name: string; subnets: string[] } };
/** A CloudTrail trail logging the Invoke data events of the functions it names (basic event selectors). */
export type TrailSpec = { name: string; slot: Slot; bucket: string; multiRegion: boolean; functions: string[] };
export type TableSpec = { name: string; slot: Slot; stream: boolean; hashKey: string; rangeKey?: string };
export type StreamSpec = { name: string; slot: Slot; shards: number };

export type RestMethodSpec = {
  path: string;
  method: string;
  auth: "NONE" | "AWS_IAM" | "CUSTOM";
  apiKeyRequired?: boolean;
  /** Target function; absent (and no http) = a MOCK integration (health checks). */
  fn?: string;
  /** An HTTP_PROXY integration to this URL instead of a function. */
  http?: string;
  /** The method names the API's request validator (which validates the body). */
  validated?: boolean;
  /** How the invoke permission names its source: scoped to this method (default), any method of any stage, or no SourceArn at all. */
  permission?: "scoped" | "anyMethod" | "noSourceArn";
};
export type RestApiSpec = {
  name: string;
  slot: Slot;
  description: string;
  endpointType: "REGIONAL" | "EDGE" | "PRIVATE";
  /**
   * Resource policy: "open" = Principal * on execute-api:/* without any condition; "vpce" = the policy AWS documents
   * for private APIs (Allow anyone, Deny unless aws:SourceVpce is the estate's endpoint, ACME_API_VPCE).
   */
  policy?: "open" | "vpce";
  tags?: Record<string, string>;
  authorizer?: { name: string; fn: string; type: "TOKEN" | "REQUEST" };
  /** A request validator that validates request bodies, used by the methods marked `validated`. */
  requestValidator?: string;
  stage: {
    name: string;
    tracing: boolean;
    logging: boolean;
    variables?: Record<string, string>;
    /** Cache cluster on, every method caching, encrypted or not. */
    caching?: { encrypted: boolean };
    /** Name of a (regional) WAF web ACL associated with the stage. */
    webAcl?: string;
  };
  /** A stage left on the API's first deployment; `stage` serves a later one (SA-04's superseded version stage). */
  previousStage?: { name: string };
  usagePlan?: { name: string; rateLimit: number; burstLimit: number; keys?: ApiKeySpec[] };
  methods: RestMethodSpec[];
};

/** An API key attached to its API's usage plan. Its value is generated (apiKeyValue in manifest.ts), never written down. */
export type ApiKeySpec = { name: string; description: string; enabled: boolean; tags?: Record<string, string> };

/** A REST (v1) custom domain name in the region of the APIs it maps. */
export type DomainNameSpec = {
  name: string;
  slot: Slot;
  endpointType: "REGIONAL" | "EDGE";
  securityPolicy: "TLS_1_0" | "TLS_1_2";
  /** basePath "(none)" maps the domain's root. */
  mappings: { api: string; stage: string; basePath: string }[];
};

/** An API Gateway v2 custom domain name with API mappings to HTTP APIs of its region. */
export type HttpDomainNameSpec = {
  name: string;
  slot: Slot;
  securityPolicy: "TLS_1_0" | "TLS_1_2";
  mappings: { api: string; stage: string; key: string }[];
};

/**
 * A route to a function, or (private) to a service behind the region's VPC link, with or without TLS to it.
 * CUSTOM = the API's REQUEST authorizer (WebSocket $connect).
 */
export type HttpRouteSpec =
  | { routeKey: string; auth: "NONE" | "JWT" | "AWS_IAM" | "CUSTOM"; fn: string }
  | { routeKey: string; auth: "NONE" | "JWT" | "AWS_IAM"; private: { uri: string; tlsServerName: string | null } };
export type HttpApiSpec = {
  name: string;
  slot: Slot;
  description: string;
  /** Default HTTP. */
  protocol?: "HTTP" | "WEBSOCKET";
  tags?: Record<string, string>;
  cors?: { AllowOrigins: string[]; AllowMethods: string[]; AllowHeaders?: string[]; AllowCredentials?: boolean };
  jwt?: { issuer: string; audience: string[] };
  /** A Lambda REQUEST authorizer (WebSocket APIs authorize $connect with it). */
  requestAuthorizer?: { name: string; fn: string; identitySource: string[] };
  /** Default stage name "$default" (HTTP APIs); WebSocket stages need a name of their own. */
  stage: { name?: string; accessLogs: boolean; throttling?: { rate: number; burst: number } };
  /** Version stages created one after the other after the main stage, each at least a second later (SA-04). */
  versionStages?: string[];
  routes: HttpRouteSpec[];
};

/** Who a layer version is shared with: Principal "*" narrowed to an organization, or anyone at all. */
export type LayerGrantSpec = { sid: string; organizationId?: string };
export type LayerVersionSpec = { description: string; grant?: LayerGrantSpec };
/** Published in every region that has a function using it; functions use the newest version. */
export type LayerSpec = { name: string; runtimes: string[]; versions: LayerVersionSpec[] };

export type EstateSpec = {
  kmsKeys: KmsKeySpec[];
  topics: TopicSpec[];
  buckets: BucketSpec[];
  vpcs: VpcSpec[];
  trails: TrailSpec[];
  customerPolicies: CustomerPolicySpec[];
  roles: RoleSpec[];
  users: UserSpec[];
  groups: GroupSpec[];
  queues: QueueSpec[];
  tables: TableSpec[];
  streams: StreamSpec[];
  layer: LayerSpec;
  functions: FunctionSpec[];
  restApis: RestApiSpec[];
  httpApis: HttpApiSpec[];
  domainNames: DomainNameSpec[];
  httpDomainNames: HttpDomainNameSpec[];
};

/** Lambda runtimes past their AWS deprecation date (as of late 2026), used on purpose by a few legacy functions. */
export const DEPRECATED_RUNTIMES: ReadonlySet<string> = new Set(["python3.7", "python3.8", "nodejs14.x", "nodejs16.x", "go1.x"]);

export const ADMINISTRATOR_ACCESS = "AdministratorAccess";

/** An AWS account outside Acme (a partner bank) that is granted access on purpose. */
export const PARTNER_ACCOUNT = "210987654321";
export const ACME_ORG_ID = "o-acme4pay01";

/** Function whose tag marks a complete estate; the tag is written last, so its presence means "fully seeded". */
export const MARKER_FUNCTION = "orders-api-handler";
// v2: versions, aliases, layer grants, IAM users/groups/policy versions, API keys and custom domain names.
// v3: a plant for every catalogue check (expectations.ts): KMS keys, topics, buckets, a VPC, a trail, WebSocket
// APIs, more roles, APIs and functions.
export const MARKER_TAG = { key: "lantern-demo-estate", value: "v3" };

// Assembled at run time so that secret scanners reading this repository do not flag the source. The value
// is fake (it says so), but has the shape of a live Stripe secret key, which is what a secrets rule looks for.
export const FAKE_STRIPE_SECRET_KEY = ["sk", "live", "51DEMOxACMExPAYMENTSx0000NOTxAxREALxKEY"].join("_");
// The same for a database URL with a (fake) password in it, as a stage variable holds it.
export const FAKE_LEDGER_DB_URL = ["postgres://callbacks", "Fk3LdgrQ9vWx2Zt7@ledger-db.internal.acmepayments.example:5432/ledger"].join(":");

/** The execute-api interface endpoint the private APIs admit (fake: the resource policy only names it). */
export const ACME_API_VPCE = "vpce-0a7c3e9b5d1f24680";
/** An API Gateway REST API that existed once: a permission still names it (ES-05). Its id is one moto never made. */
export const DELETED_API_ID = "k3x9q2w7ab";
/** The code signing configuration signed functions use (moto has no CreateCodeSigningConfig; it keeps the ARN). */
export const codeSigningConfigArn = (ctx: Ctx, slot: Slot) =>
  `arn:aws:lambda:${ctx.regions[slot]}:${ctx.accountId}:code-signing-config:csc-0acme5ign1ng00001`;

const doc = (...Statement: PolicyStatement[]): PolicyDoc => ({ Version: "2012-10-17", Statement });

export function buildSpec(ctx: Ctx): EstateSpec {
  const { accountId: acct, regions } = ctx;
  const [r0, r1] = regions;
  const region = (slot: Slot) => regions[slot];
  const logs = (slot: Slot, fn: string): PolicyStatement => ({
    Sid: "WriteOwnLogs",
    Effect: "Allow",
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: `arn:aws:logs:${region(slot)}:${acct}:log-group:/aws/lambda/${fn}:*`,
  });
  const createLogGroup = (slot: Slot): PolicyStatement => ({
    Effect: "Allow",
    Action: "logs:CreateLogGroup",
    Resource: `arn:aws:logs:${region(slot)}:${acct}:*`,
  });
  const table = (slot: Slot, name: string) => `arn:aws:dynamodb:${region(slot)}:${acct}:table/${name}`;
  const queue = (slot: Slot, name: string) => `arn:aws:sqs:${region(slot)}:${acct}:${name}`;
  const stream = (slot: Slot, name: string) => `arn:aws:kinesis:${region(slot)}:${acct}:stream/${name}`;
  const secret = (slot: Slot, name: string) => `arn:aws:secretsmanager:${region(slot)}:${acct}:secret:${name}`;
  const bucket = (name: string) => `arn:aws:s3:::${name}`;

  /** The role a function gets from the console or SAM: one per function, named after it. */
  const own = (
    fn: string,
    slot: Slot,
    extra: PolicyStatement[],
    opts: { awsManaged?: string[]; path?: string; basicManaged?: boolean; tags?: Record<string, string> } = {},
  ): RoleSpec => ({
    name: `${fn}-role`,
    path: opts.path ?? "/service-role/",
    description: `Execution role for ${fn}`,
    inline: extra.length || !opts.basicManaged
      ? { [`${fn}-policy`]: doc(...(opts.basicManaged ? [] : [createLogGroup(slot), logs(slot, fn)]), ...extra) }
      : {},
    awsManaged: [...(opts.basicManaged ? ["service-role/AWSLambdaBasicExecutionRole"] : []), ...(opts.awsManaged ?? [])],
    customerManaged: [],
    tags: opts.tags,
  });

  const roles: RoleSpec[] = [
    own("orders-api-handler", 0, [
      { Sid: "OrdersTable", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"], Resource: [table(0, "orders"), `${table(0, "orders")}/index/*`] },
      { Sid: "EnqueueFulfilment", Effect: "Allow", Action: "sqs:SendMessage", Resource: queue(0, "orders-fulfilment") },
    ], { awsManaged: ["AWSXRayDaemonWriteAccess"] }),
    own("order-lookup", 0, [
      { Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: table(0, "orders") },
    ], { basicManaged: true }),
    own("api-token-authorizer", 0, [
      { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secret(0, "prod/api/jwt-signing-key-Hq3x9T") },
    ]),
    own("payments-webhook", 0, [
      { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secret(0, "prod/stripe/webhook-signing-secret-a8Kd2P") },
      { Effect: "Allow", Action: ["dynamodb:PutItem", "dynamodb:UpdateItem"], Resource: table(0, "payments") },
      { Effect: "Allow", Action: "sqs:SendMessage", Resource: [queue(0, "payments-webhook-dlq"), queue(0, "async-failures")] },
    ], { awsManaged: ["AWSXRayDaemonWriteAccess"] }),
    own("payment-intent-creator", 0, [
      { Effect: "Allow", Action: ["dynamodb:PutItem"], Resource: table(0, "payments") },
    ], { basicManaged: true }),
    own("order-fulfilment", 0, [
      { Effect: "Allow", Action: ["dynamodb:UpdateItem"], Resource: table(0, "orders") },
      { Effect: "Allow", Action: "ses:SendEmail", Resource: `arn:aws:ses:${r0}:${acct}:identity/acmepayments.example` },
    ], { awsManaged: ["service-role/AWSLambdaSQSQueueExecutionRole"] }),
    own("orders-stream-processor", 0, [
      { Sid: "ReadOrdersStream", Effect: "Allow", Action: ["dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream", "dynamodb:ListStreams"], Resource: `${table(0, "orders")}/stream/*` },
      { Effect: "Allow", Action: "sqs:SendMessage", Resource: queue(0, "async-failures") },
    ], { awsManaged: ["AWSXRayDaemonWriteAccess"] }),
    own("fraud-scorer", 0, [
      { Sid: "ReadPaymentEvents", Effect: "Allow", Action: ["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:ListShards", "kinesis:ListStreams"], Resource: stream(0, "payment-events") },
      { Effect: "Allow", Action: "sagemaker:InvokeEndpoint", Resource: `arn:aws:sagemaker:${r0}:${acct}:endpoint/fraud-model-v7` },
      { Effect: "Allow", Action: "sqs:SendMessage", Resource: queue(0, "async-failures") },
    ], { basicManaged: true, awsManaged: ["service-role/AWSLambdaVPCAccessExecutionRole", "AWSXRayDaemonWriteAccess"] }),
    own("invoice-pdf-renderer", 0, [
      { Effect: "Allow", Action: "s3:PutObject", Resource: `${bucket(`acme-invoices-${acct}`)}/rendered/*` },
      { Effect: "Allow", Action: "sqs:SendMessage", Resource: queue(0, "invoice-dlq") },
    ]),
    // Flaw (R-02): a service-wide wildcard on every bucket, "because thumbnails go to several buckets".
    own("image-thumbnailer", 0, [
      { Effect: "Allow", Action: "s3:*", Resource: "*" },
    ], { basicManaged: true }),
    // The growth team creates its own roles, within the boundary the platform team set.
    { ...own("user-signup", 0, [
      { Effect: "Allow", Action: ["cognito-idp:AdminCreateUser", "cognito-idp:AdminAddUserToGroup"], Resource: `arn:aws:cognito-idp:${r0}:${acct}:userpool/${r0}_AcmeUsers1` },
      { Effect: "Allow", Action: "dynamodb:PutItem", Resource: table(0, "users") },
    ]), permissionsBoundary: "acme-workload-boundary" },
    own("user-profile", 0, [
      { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"], Resource: table(0, "users"), Condition: { "ForAllValues:StringEquals": { "dynamodb:Attributes": ["userId", "displayName", "locale", "marketingOptIn"] } } },
    ], { basicManaged: true }),
    // Flaw (R-01): the reporting job got AdministratorAccess when Athena permissions were "too fiddly".
    own("nightly-report", 0, [], { basicManaged: true, awsManaged: [ADMINISTRATOR_ACCESS] }),
    own("email-sender", 0, [
      { Effect: "Allow", Action: ["ses:SendEmail", "ses:SendTemplatedEmail"], Resource: `arn:aws:ses:${r0}:${acct}:identity/acmepayments.example` },
      { Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], Resource: queue(0, "notifications") },
    ]),
    own("status-page-feed", 0, [
      { Effect: "Allow", Action: "cloudwatch:GetMetricData", Resource: "*" },
    ], { basicManaged: true }),
    own("internal-metrics-ingest", 0, [
      { Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": "Acme/Internal" } } },
    ]),
    // Flaw (R-10): the partner bank's account may assume the export function's role directly.
    { ...own("partner-ledger-export", 0, [
      { Effect: "Allow", Action: "s3:GetObject", Resource: `${bucket(`acme-ledger-exports-${acct}`)}/partner/*` },
    ]), extraTrustedAccount: PARTNER_ACCOUNT },
    // Flaw (R-04): unconstrained secret reads, left over from a proof of concept.
    own("marketing-events-forwarder", 0, [
      { Effect: "Allow", Action: ["firehose:PutRecord", "firehose:PutRecordBatch"], Resource: `arn:aws:firehose:${r0}:${acct}:deliverystream/marketing-events` },
      { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" },
    ], { basicManaged: true }),
    own("receipt-ocr", 0, [
      { Effect: "Allow", Action: "s3:GetObject", Resource: `${bucket("acme-receipts-inbox")}/*` },
      { Effect: "Allow", Action: ["textract:AnalyzeExpense"], Resource: "*" },
    ], { basicManaged: true }),
    {
      // Flaw (R-01): a break-glass policy that grants everything, attached to a function's role.
      name: "admin-ops-runner-role",
      path: "/",
      description: "Runs operational jobs from the internal admin API",
      inline: {},
      awsManaged: ["service-role/AWSLambdaBasicExecutionRole"],
      customerManaged: ["acme-ops-break-glass"],
      tags: { team: "platform" },
    },
    own("chargeback-handler", 0, [
      { Effect: "Allow", Action: ["dynamodb:PutItem", "dynamodb:GetItem"], Resource: table(0, "payments") },
    ]),
    own("refund-processor", 0, [
      { Effect: "Allow", Action: ["dynamodb:UpdateItem", "dynamodb:GetItem"], Resource: table(0, "payments") },
      { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secret(0, "prod/stripe/restricted-refunds-key-P0q8Zr") },
      { Effect: "Allow", Action: "sqs:SendMessage", Resource: queue(0, "async-failures") },
    ], { awsManaged: ["AWSXRayDaemonWriteAccess"] }),
    own("settlement-reconciler", 0, [
      { Effect: "Allow", Action: ["dynamodb:Query"], Resource: table(0, "payments") },
      { Effect: "Allow", Action: "s3:GetObject", Resource: `${bucket(`acme-ledger-exports-${acct}`)}/settlements/*` },
    ], { basicManaged: true }),
    own("webhook-replayer", 0, [
      { Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], Resource: queue(0, "payments-webhook-dlq") },
      { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: `arn:aws:lambda:${r0}:${acct}:function:payments-webhook` },
    ], { basicManaged: true }),
    {
      // Flaws (R-07, R-12): one role shared by the legacy functions, able to pass any role to a new function.
      name: "legacy-lambda-role",
      path: "/",
      description: "Shared role for the 2019 promotions stack",
      inline: {
        "legacy-deploy-and-run": doc(
          { Effect: "Allow", Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" },
          { Effect: "Allow", Action: ["lambda:CreateFunction", "lambda:UpdateFunctionCode", "lambda:InvokeFunction"], Resource: "*" },
          { Effect: "Allow", Action: "iam:PassRole", Resource: "*" },
          { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"], Resource: table(0, "coupons") },
        ),
      },
      awsManaged: [],
      customerManaged: [],
    },
    // Secondary region. IAM is global, so role names carry no region.
    own("eu-checkout-api", 1, [
      { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem"], Resource: table(1, "checkout-sessions-eu") },
    ], { awsManaged: ["AWSXRayDaemonWriteAccess"] }),
    own("eu-api-authorizer", 1, [
      { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secret(1, "prod/api/jwt-signing-key-eu-7Gh2Lm") },
    ]),
    own("checkout-session-creator", 1, [
      { Effect: "Allow", Action: ["dynamodb:PutItem"], Resource: table(1, "checkout-sessions-eu") },
    ], { basicManaged: true }),
    // Flaw (R-01): a hurried partner integration with AdministratorAccess.
    own("eu-partner-sync", 1, [], { basicManaged: true, awsManaged: [ADMINISTRATOR_ACCESS] }),
    own("promo-banner-api", 1, [
      { Effect: "Allow", Action: "dynamodb:GetItem", Resource: table(1, "customers-eu") },
    ], { basicManaged: true }),
    own("gdpr-erasure-worker", 1, [
      { Effect: "Allow", Action: ["dynamodb:DeleteItem", "dynamodb:Query"], Resource: [table(1, "customers-eu"), `${table(1, "customers-eu")}/index/*`] },
      { Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], Resource: queue(1, "gdpr-erasure-requests") },
      { Effect: "Allow", Action: "sqs:SendMessage", Resource: [queue(1, "gdpr-erasure-dlq"), queue(1, "eu-async-failures")] },
    ], { awsManaged: ["AWSXRayDaemonWriteAccess"] }),
    own("customer-sync", 1, [], { awsManaged: ["service-role/AWSLambdaDynamoDBExecutionRole"] }),
    // Flaw (R-02): kinesis:* on every stream.
    own("clickstream-aggregator", 1, [
      { Effect: "Allow", Action: "kinesis:*", Resource: "*" },
      { Effect: "Allow", Action: "s3:PutObject", Resource: `${bucket(`acme-clickstream-eu-${acct}`)}/aggregates/*` },
    ], { basicManaged: true }),
    own("eu-data-export", 1, [
      { Effect: "Allow", Action: "s3:GetObject", Resource: `${bucket(`acme-eu-exports-${acct}`)}/*` },
    ], { basicManaged: true }),
    own("org-audit-collector", 1, [
      { Effect: "Allow", Action: "s3:PutObject", Resource: `${bucket(`acme-audit-${acct}`)}/lambda/*` },
    ], { basicManaged: true }),
    own("eu-vat-calculator", 1, [], { basicManaged: true }),
    own("eu-invoice-archiver", 1, [
      { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `${bucket(`acme-eu-invoice-archive-${acct}`)}/*` },
    ], { basicManaged: true }),
    own("fx-rate-refresher", 1, [
      { Effect: "Allow", Action: "dynamodb:PutItem", Resource: table(1, "fx-rates-eu") },
    ], { basicManaged: true, awsManaged: ["AWSXRayDaemonWriteAccess"] }),
    // Flaw (R-16, inline): "assumes the partner's role", written as sts:AssumeRole on every role of every account.
    {
      ...own("partner-callback-relay", 0, [
        { Sid: "AssumePartnerRoles", Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" },
        { Effect: "Allow", Action: "dynamodb:PutItem", Resource: table(0, "payments") },
      ]),
      customerManaged: ["acme-partner-event-publisher"],
    },
    {
      // Flaws (LC-12, R-17 inline): written by hand without the logging permissions, and with kms:* "to decrypt the
      // card ranges".
      name: "card-bin-lookup-role",
      path: "/",
      description: "Execution role for card-bin-lookup",
      inline: {
        "card-bin-lookup-policy": doc(
          { Effect: "Allow", Action: "dynamodb:GetItem", Resource: table(0, "card-bins") },
          { Sid: "DecryptCardRanges", Effect: "Allow", Action: "kms:*", Resource: "*" },
        ),
      },
      awsManaged: [],
      customerManaged: [],
    },
    // Flaw (R-19, inline): the migration events queue, named in any account.
    own("ledger-db-migrator", 0, [
      { Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:*:*:ledger-migration-events" },
      { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secret(0, "prod/ledger/migrator-db-Xy7pQ1") },
    ], { awsManaged: ["service-role/AWSLambdaVPCAccessExecutionRole"] }),
    own("order-tracking-feed", 0, [
      { Effect: "Allow", Action: "dynamodb:Query", Resource: table(0, "orders") },
      { Effect: "Allow", Action: "execute-api:ManageConnections", Resource: `arn:aws:execute-api:${r0}:${acct}:*/production/POST/@connections/*` },
    ], { basicManaged: true, awsManaged: ["AWSXRayDaemonWriteAccess"] }),
    own("ops-dashboard-stream", 0, [
      { Effect: "Allow", Action: "cloudwatch:GetMetricData", Resource: "*" },
    ], { basicManaged: true }),
    // Roles that no function uses: who may assume them is the point.
    {
      // Flaw (R-10, any principal): opened to "*" while debugging the observability vendor's integration. Its
      // permissions went when the contract ended; the trust policy stayed, ready for whatever is attached next.
      // (With permissions, every role in the account could escalate to them by assuming it: R-07 on all of them.)
      name: "vendor-support-access",
      path: "/",
      description: "Observability vendor access (contract ended 2026-06)",
      trust: [{ Sid: "VendorSupport", Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }],
      inline: {},
      awsManaged: [],
      customerManaged: [],
      tags: { team: "platform" },
    },
    {
      // Flaw (R-10, with conditions): any principal that knows the external id, from an account nobody listed.
      name: "external-auditor",
      path: "/",
      description: "Assumed by the external auditor's tooling",
      trust: [
        {
          Sid: "AuditorWithExternalId",
          Effect: "Allow",
          Principal: { AWS: "*" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "sts:ExternalId": "acme-audit-2026-7f3k" } },
        },
      ],
      inline: { "read-audit-trail": doc({ Effect: "Allow", Action: ["cloudtrail:LookupEvents", "cloudtrail:GetTrailStatus"], Resource: "*" }) },
      awsManaged: [],
      customerManaged: [],
      tags: { team: "security" },
    },
    {
      // Look-alike (R-10): trusts its own account (with MFA), which is not cross-account. Flaw (R-15, inline):
      // "everything but identity" written as Allow + NotAction.
      name: "ops-break-glass",
      path: "/",
      description: "Break-glass access for the on-call engineer",
      trust: [
        {
          Sid: "OwnAccountWithMfa",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${acct}:root` },
          Action: "sts:AssumeRole",
          Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
        },
      ],
      inline: {
        "everything-but-identity": doc({ Sid: "AllButIdentity", Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" }),
      },
      awsManaged: [],
      customerManaged: [],
      tags: { team: "platform" },
    },
    {
      // Flaw (R-11): EventBridge Scheduler may use it on behalf of any account (no aws:SourceAccount).
      name: "nightly-report-scheduler",
      path: "/service-role/",
      description: "Runs nightly-report on its schedule",
      trust: [{ Effect: "Allow", Principal: { Service: "scheduler.amazonaws.com" }, Action: "sts:AssumeRole" }],
      inline: { "invoke-nightly-report": doc({ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: `arn:aws:lambda:${r0}:${acct}:function:nightly-report` }) },
      awsManaged: [],
      customerManaged: [],
    },
    {
      // Look-alike (R-11): the same service trust, tied to this account.
      name: "fx-refresh-scheduler",
      path: "/service-role/",
      description: "Runs fx-rate-refresher every 15 minutes",
      trust: [
        {
          Effect: "Allow",
          Principal: { Service: "scheduler.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": acct } },
        },
      ],
      inline: { "invoke-fx-rate-refresher": doc({ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: `arn:aws:lambda:${r1}:${acct}:function:fx-rate-refresher` }) },
      awsManaged: [],
      customerManaged: [],
    },
  ];

  const lambdaRead: PolicyStatement = {
    Sid: "ReadFunctions",
    Effect: "Allow",
    Action: ["lambda:GetFunction", "lambda:GetFunctionConfiguration", "lambda:ListFunctions", "lambda:ListVersionsByFunction", "lambda:ListAliases"],
    Resource: "*",
  };
  const logsRead: PolicyStatement = {
    Sid: "ReadLambdaLogs",
    Effect: "Allow",
    Action: ["logs:FilterLogEvents", "logs:GetLogEvents", "logs:DescribeLogStreams"],
    Resource: `arn:aws:logs:*:${acct}:log-group:/aws/lambda/*`,
  };
  const customerPolicies: CustomerPolicySpec[] = [
    {
      name: "acme-ops-break-glass",
      description: "Emergency operations access",
      document: doc({ Effect: "Allow", Action: "*", Resource: "*" }),
    },
    {
      // Version 2 added trace reading once X-Ray was rolled out; v2 is the default.
      name: "acme-developer-access",
      description: "Day-to-day read access for developers",
      previousVersions: [doc(lambdaRead, logsRead)],
      document: doc(lambdaRead, logsRead, {
        Sid: "ReadTraces",
        Effect: "Allow",
        Action: ["xray:BatchGetTraces", "xray:GetTraceSummaries", "xray:GetServiceGraph"],
        Resource: "*",
      }),
    },
    {
      name: "acme-workload-boundary",
      description: "Permissions boundary for roles that product teams create",
      document: doc(
        {
          Sid: "WorkloadServices",
          Effect: "Allow",
          Action: ["logs:*", "dynamodb:*", "sqs:*", "cognito-idp:*", "xray:PutTraceSegments", "xray:PutTelemetryRecords"],
          Resource: "*",
        },
        { Sid: "NoIdentityChanges", Effect: "Deny", Action: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
      ),
    },
    {
      // Flaw (R-15): drafted for contractors as "everything but identity", never attached.
      name: "acme-contractor-baseline",
      description: "Baseline access for contractors (draft)",
      document: doc({ Sid: "EverythingButIdentity", Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" }),
    },
    {
      // Flaw (R-19): publishes to the partners' topics "in whichever account they live".
      name: "acme-partner-event-publisher",
      description: "Publish to partner event topics",
      document: doc({ Sid: "PartnerTopics", Effect: "Allow", Action: "sns:Publish", Resource: "arn:aws:sns:*:*:acme-partner-*" }),
    },
  ];

  const users: UserSpec[] = [
    {
      // Deploys from CI: may update and release the functions, and pass only the service roles to Lambda.
      name: "ci-deployer",
      path: "/automation/",
      groups: [],
      inline: {
        "deploy-lambda-functions": doc(
          {
            Sid: "ReleaseFunctions",
            Effect: "Allow",
            Action: ["lambda:GetFunction", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration", "lambda:PublishVersion", "lambda:UpdateAlias"],
            Resource: `arn:aws:lambda:*:${acct}:function:*`,
          },
          {
            Sid: "PassServiceRoles",
            Effect: "Allow",
            Action: "iam:PassRole",
            Resource: `arn:aws:iam::${acct}:role/service-role/*`,
            Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } },
          },
          { Sid: "Artifacts", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `${bucket(`acme-build-artifacts-${acct}`)}/lambda/*` },
        ),
      },
      awsManaged: [],
      customerManaged: [],
      tags: { team: "platform", purpose: "ci" },
    },
    {
      // Flaw (R-01, for a user): a standing administrator for emergencies instead of a role assumed on demand.
      name: "break-glass-admin",
      path: "/",
      groups: [],
      inline: {},
      awsManaged: [ADMINISTRATOR_ACCESS],
      customerManaged: [],
      tags: { team: "platform", purpose: "emergency-access" },
    },
    {
      name: "priya.raman",
      path: "/people/",
      groups: ["developers"],
      inline: {},
      awsManaged: [],
      customerManaged: [],
      tags: { team: "payments" },
    },
  ];

  const groups: GroupSpec[] = [
    { name: "developers", path: "/", inline: {}, awsManaged: ["AWSLambda_ReadOnlyAccess"], customerManaged: ["acme-developer-access"] },
  ];

  const queues: QueueSpec[] = [
    { name: "orders-fulfilment-dlq", slot: 0, visibilityTimeout: 60 },
    { name: "orders-fulfilment", slot: 0, visibilityTimeout: 180, redriveTo: "orders-fulfilment-dlq", encryption: { kmsKey: "alias/acme-orders-queues" } },
    // Flaw (ES-02): a trigger source anyone may write to.
    { name: "notifications", slot: 0, visibilityTimeout: 60, publicSend: true },
    { name: "payments-webhook-dlq", slot: 0, visibilityTimeout: 60 },
    // Flaw (ES-03): created before SSE-SQS became the default, and never encrypted since.
    { name: "invoice-dlq", slot: 0, visibilityTimeout: 60, encryption: "none" },
    { name: "async-failures", slot: 0, visibilityTimeout: 60 },
    { name: "gdpr-erasure-dlq", slot: 1, visibilityTimeout: 60 },
    { name: "gdpr-erasure-requests", slot: 1, visibilityTimeout: 300, redriveTo: "gdpr-erasure-dlq", encryption: { kmsKey: "alias/acme-privacy-queues" } },
    { name: "eu-async-failures", slot: 1, visibilityTimeout: 60 },
  ];
  const tables: TableSpec[] = [
    { name: "orders", slot: 0, stream: true, hashKey: "orderId" },
    { name: "payments", slot: 0, stream: false, hashKey: "paymentId" },
    { name: "users", slot: 0, stream: false, hashKey: "userId" },
    { name: "coupons", slot: 0, stream: false, hashKey: "code" },
    { name: "customers-eu", slot: 1, stream: true, hashKey: "customerId" },
    { name: "checkout-sessions-eu", slot: 1, stream: false, hashKey: "sessionId" },
    { name: "fx-rates-eu", slot: 1, stream: false, hashKey: "pair", rangeKey: "asOf" },
  ];
  const streams: StreamSpec[] = [
    { name: "payment-events", slot: 0, shards: 2 },
    { name: "clickstream-eu", slot: 1, shards: 1 },
  ];

  const t = (team: string, service: string, extra: Record<string, string> = {}) => ({
    team,
    service,
    env: "prod",
    "cost-center": `cc-${team}`,
    ...extra,
  });
  const node = "nodejs22.x";
  const py = "python3.12";

  const functions: FunctionSpec[] = [
    // ---- primary region ----
    {
      name: "orders-api-handler", slot: 0, runtime: node, role: "orders-api-handler-role",
      description: "REST handler for /orders", memory: 512, timeout: 10, tracing: true, logRetentionDays: 14,
      env: { TABLE_NAME: "orders", FULFILMENT_QUEUE_URL: `https://sqs.${r0}.amazonaws.com/${acct}/orders-fulfilment`, LOG_LEVEL: "info", POWERTOOLS_SERVICE_NAME: "orders" },
      tags: t("orders", "orders-api"),
      // The prod stage calls the "live" alias (stage variable lambdaAlias); a canary takes 10% of it.
      versions: ["Release 2026.11.02", "Release 2026.11.16"],
      aliases: [
        { name: "live", version: 1, description: "Production traffic", canary: { version: 2, weight: 0.1 } },
        { name: "canary", version: 2, description: "Release candidate under canary" },
      ],
    },
    {
      name: "order-lookup", slot: 0, runtime: py, role: "order-lookup-role",
      description: "GET /orders/{orderId} for internal callers", memory: 256, timeout: 5, tracing: true, layer: true,
      env: { TABLE_NAME: "orders" }, tags: t("orders", "orders-api"),
      // Internal batch jobs call it directly, signed: behind the API as well, but not a way around its auth (SA-05).
      url: { authType: "AWS_IAM" },
    },
    {
      name: "api-token-authorizer", slot: 0, runtime: node, role: "api-token-authorizer-role",
      description: "Lambda TOKEN authorizer for the orders API", memory: 256, timeout: 5,
      env: { JWT_KEY_SECRET_ARN: secret(0, "prod/api/jwt-signing-key-Hq3x9T"), AUDIENCE: "orders-api" },
      reservedConcurrency: 100, tags: t("platform", "edge-auth"),
    },
    {
      name: "payments-webhook", slot: 0, runtime: node, role: "payments-webhook-role",
      description: "Receives payment provider webhooks; verifies the signature in code", memory: 512, timeout: 15, tracing: true,
      codeSigning: true, logRetentionDays: 30,
      dlq: "payments-webhook-dlq", onFailure: "async-failures",
      // A reference to a secret, not a secret: a secrets rule must not flag it.
      env: { STRIPE_WEBHOOK_SECRET_ARN: secret(0, "prod/stripe/webhook-signing-secret-a8Kd2P"), PAYMENTS_TABLE: "payments" },
      tags: t("payments", "payments-webhooks"),
      versions: ["Release 2026.10.28"],
      aliases: [{ name: "live", version: 1, description: "Production traffic" }],
    },
    {
      // Flaw (LC-02): a live-looking payment provider key in plain text.
      name: "payment-intent-creator", slot: 0, runtime: py, role: "payment-intent-creator-role",
      description: "Creates payment intents for the mobile app", memory: 512, timeout: 10, layer: true,
      env: { STRIPE_API_KEY: FAKE_STRIPE_SECRET_KEY, PAYMENTS_TABLE: "payments", STRIPE_API_VERSION: "2024-06-20" },
      tags: t("payments", "checkout"),
    },
    {
      name: "order-fulfilment", slot: 0, runtime: py, role: "order-fulfilment-role",
      description: "Consumes the fulfilment queue", memory: 1024, timeout: 120, tracing: true, layer: true,
      env: { TABLE_NAME: "orders", SENDER: "orders@acmepayments.example" },
      eventSources: [{ kind: "sqs", queue: "orders-fulfilment", batchSize: 10 }],
      tags: t("orders", "fulfilment"),
    },
    {
      name: "orders-stream-processor", slot: 0, runtime: node, role: "orders-stream-processor-role",
      description: "Projects order changes into the search index", memory: 512, timeout: 60, tracing: true,
      eventSources: [{ kind: "dynamodb", table: "orders", batchSize: 100, onFailureQueue: "async-failures" }],
      tags: t("orders", "search-projection"),
    },
    {
      name: "fraud-scorer", slot: 0, runtime: py, role: "fraud-scorer-role",
      description: "Scores payment events against the fraud model", memory: 2048, timeout: 30, tracing: true, layer: true,
      vpc: { subnets: ["private-a", "private-b"] },
      env: { MODEL_ENDPOINT: "fraud-model-v7", SCORE_THRESHOLD: "0.82" },
      reservedConcurrency: 50,
      eventSources: [{ kind: "kinesis", stream: "payment-events", batchSize: 200, onFailureQueue: "async-failures" }],
      tags: t("risk", "fraud"),
    },
    {
      name: "invoice-pdf-renderer", slot: 0, runtime: node, role: "invoice-pdf-renderer-role",
      description: "Renders invoice PDFs on request", memory: 1536, timeout: 60, dlq: "invoice-dlq", onFailure: "invoice-dlq",
      env: { BUCKET: `acme-invoices-${acct}`, FONT_CACHE: "/tmp/fonts" },
      permissions: [
        // Principal * narrowed to one SNS topic: not public.
        { sid: "sns-invoice-render-requests", principal: "*", sourceArn: `arn:aws:sns:${r0}:${acct}:invoice-render-requests` },
      ],
      tags: t("billing", "invoicing"),
    },
    {
      name: "image-thumbnailer", slot: 0, runtime: node, role: "image-thumbnailer-role",
      description: "Creates thumbnails for uploaded images", memory: 1024, timeout: 30,
      env: { THUMB_BUCKET: `acme-user-uploads-${acct}`, SIZES: "64,256,1024" },
      permissions: [
        { sid: "s3-user-uploads", principal: "s3.amazonaws.com", sourceArn: bucket(`acme-user-uploads-${acct}`), sourceAccount: acct },
      ],
      tags: t("growth", "media"),
    },
    {
      name: "user-signup", slot: 0, runtime: node, role: "user-signup-role",
      description: "POST /signup for the mobile app", memory: 256, timeout: 10, tracing: true,
      env: { USER_POOL_ID: `${r0}_AcmeUsers1`, USERS_TABLE: "users" }, tags: t("growth", "identity", { "lambda:createdBy": "SAM" }),
    },
    {
      name: "user-profile", slot: 0, runtime: "python3.13", role: "user-profile-role",
      description: "GET/PUT /profile for signed-in users", memory: 256, timeout: 10, tracing: true,
      env: { USERS_TABLE: "users" }, tags: t("growth", "identity", { "lambda:createdBy": "SAM" }),
    },
    {
      name: "nightly-report", slot: 0, runtime: py, role: "nightly-report-role",
      description: "Builds the finance report at 02:00 UTC", memory: 3008, timeout: 900, layer: true,
      env: { ATHENA_WORKGROUP: "finance", OUTPUT_PREFIX: "s3://acme-finance-reports/nightly/" },
      permissions: [
        { sid: "events-nightly-report", principal: "events.amazonaws.com", sourceArn: `arn:aws:events:${r0}:${acct}:rule/nightly-report-0200-utc` },
      ],
      tags: t("data", "finance-reporting"),
    },
    {
      name: "email-sender", slot: 0, runtime: node, role: "email-sender-role",
      description: "Sends transactional email", memory: 256, timeout: 30,
      env: { FROM_ADDRESS: "no-reply@acmepayments.example" },
      eventSources: [{ kind: "sqs", queue: "notifications", batchSize: 25 }],
      tags: t("growth", "notifications"),
    },
    {
      // Flaws (LC-01, LX-01, R-07/R-12): deprecated runtime, invocable by anyone, shared over-privileged role.
      name: "legacy-coupon-redeemer", slot: 0, runtime: "python3.7", role: "legacy-lambda-role",
      description: "Coupon redemption (2019 promotions stack)", memory: 128, timeout: 3,
      env: { COUPONS_TABLE: "coupons" },
      permissions: [{ sid: "public-invoke", principal: "*" }],
    },
    {
      // Flaws (LC-01, LX-03): deprecated runtime behind an unauthenticated function URL.
      name: "legacy-geoip-lookup", slot: 0, runtime: "python3.8", role: "legacy-lambda-role",
      description: "IP to country lookup (2019 promotions stack)", memory: 256, timeout: 3,
      url: { authType: "NONE" },
    },
    {
      // Flaws (LX-03, LX-04): public URL with CORS open to every origin (a public status feed, but still flagged).
      name: "status-page-feed", slot: 0, runtime: node, role: "status-page-feed-role",
      description: "JSON feed for status.acmepayments.example", memory: 128, timeout: 5, reservedConcurrency: 5,
      url: { authType: "NONE", cors: { AllowOrigins: ["*"], AllowMethods: ["GET"], MaxAge: 300 } },
      tags: t("platform", "status-page"),
    },
    {
      name: "internal-metrics-ingest", slot: 0, runtime: node, role: "internal-metrics-ingest-role",
      description: "Receives metrics from build agents over a signed function URL", memory: 256, timeout: 10,
      url: { authType: "AWS_IAM" }, tags: t("platform", "observability"),
    },
    {
      // Flaw (LX-05): another company's account may invoke it.
      name: "partner-ledger-export", slot: 0, runtime: py, role: "partner-ledger-export-role",
      description: "Exports the daily ledger for the partner bank", memory: 512, timeout: 300,
      permissions: [{ sid: "partner-bank-invoke", principal: `arn:aws:iam::${PARTNER_ACCOUNT}:root` }],
      tags: t("payments", "partner-ledger"),
    },
    {
      // Flaw (LX-02): a service principal with no source condition (any EventBridge rule in any account).
      name: "marketing-events-forwarder", slot: 0, runtime: node, role: "marketing-events-forwarder-role",
      description: "Forwards marketing events to Firehose", memory: 256, timeout: 30,
      permissions: [{ sid: "events-invoke", principal: "events.amazonaws.com" }],
      tags: t("growth", "marketing"),
    },
    {
      // Flaw (LX-02, S3 case): bucket ARNs carry no account, so SourceArn alone is not enough.
      name: "receipt-ocr", slot: 0, runtime: py, role: "receipt-ocr-role",
      description: "Extracts totals from uploaded receipts", memory: 1024, timeout: 60, layer: true,
      permissions: [{ sid: "s3-receipts-inbox", principal: "s3.amazonaws.com", sourceArn: bucket("acme-receipts-inbox") }],
      tags: t("billing", "expenses"),
    },
    {
      // Flaw (R-01): its role carries a customer-managed "*" on "*" policy.
      name: "admin-ops-runner", slot: 0, runtime: py, role: "admin-ops-runner-role",
      description: "Runs operational jobs triggered from the internal admin API", memory: 512, timeout: 300,
      tags: t("platform", "ops"),
    },
    {
      name: "chargeback-handler", slot: 0, runtime: node, role: "chargeback-handler-role",
      description: "POST /chargebacks", memory: 256, timeout: 10, tags: t("payments", "disputes"),
    },
    {
      name: "refund-processor", slot: 0, runtime: py, role: "refund-processor-role",
      description: "POST /refunds", memory: 512, timeout: 30, tracing: true, onFailure: "async-failures", dlq: "async-failures",
      env: { STRIPE_KEY_SECRET_ARN: secret(0, "prod/stripe/restricted-refunds-key-P0q8Zr") },
      tags: t("payments", "refunds"),
    },
    {
      name: "settlement-reconciler", slot: 0, runtime: "python3.13", role: "settlement-reconciler-role",
      description: "Reconciles daily settlements", memory: 1024, timeout: 600, layer: true,
      permissions: [
        // Principal * narrowed to this account: not public.
        { sid: "same-account-services", principal: "*", sourceAccount: acct },
        // Flaw (ES-05): the settlement reports API was deleted in 2025; its grant stayed.
        { sid: "apigw-settlement-reports-v1", principal: "apigateway.amazonaws.com", sourceArn: `arn:aws:execute-api:${r0}:${acct}:${DELETED_API_ID}/*/GET/settlements` },
      ],
      tags: t("payments", "settlement"),
    },
    {
      name: "webhook-replayer", slot: 0, runtime: node, role: "webhook-replayer-role",
      description: "Replays failed webhooks from the DLQ on demand", memory: 256, timeout: 300,
      tags: t("payments", "payments-webhooks"),
    },
    {
      // Behind the partner callbacks API, open to anyone (A1-01, A1-03), and the acme-partner-events topic.
      name: "partner-callback-relay", slot: 0, runtime: node, role: "partner-callback-relay-role",
      description: "Relays partner callbacks and partner events to the payments service", memory: 256, timeout: 15,
      permissions: [{ sid: "sns-acme-partner-events", principal: "sns.amazonaws.com", sourceArn: `arn:aws:sns:${r0}:${acct}:acme-partner-events` }],
      tags: t("payments", "partner-callbacks"),
    },
    {
      // Flaw (LC-12): its hand-written role cannot write logs.
      name: "card-bin-lookup", slot: 0, runtime: py, role: "card-bin-lookup-role",
      description: "Looks up card issuers by BIN range", memory: 256, timeout: 5, tags: t("risk", "card-bins"),
    },
    {
      // Flaw (LC-08): its two subnets are in one Availability Zone.
      name: "ledger-db-migrator", slot: 0, runtime: py, role: "ledger-db-migrator-role",
      description: "Applies schema migrations to the ledger database", memory: 512, timeout: 900,
      vpc: { subnets: ["private-a", "private-a2"] }, tags: t("payments", "ledger"),
    },
    {
      name: "order-tracking-feed", slot: 0, runtime: node, role: "order-tracking-feed-role",
      description: "Pushes order status to signed-in customers over WebSocket", memory: 256, timeout: 10, tracing: true,
      tags: t("orders", "order-tracking"),
    },
    {
      // Behind a WebSocket API whose $connect anyone may call (A2-04).
      name: "ops-dashboard-stream", slot: 0, runtime: node, role: "ops-dashboard-stream-role",
      description: "Streams live metrics to the operations dashboard", memory: 256, timeout: 10,
      tags: t("platform", "ops-dashboard"),
    },
    // ---- secondary region ----
    {
      name: "eu-checkout-api", slot: 1, runtime: node, role: "eu-checkout-api-role",
      description: "EU checkout REST API", memory: 512, timeout: 10, tracing: true,
      env: { SESSIONS_TABLE: "checkout-sessions-eu", CURRENCY_DEFAULT: "EUR" }, tags: t("payments", "eu-checkout"),
    },
    {
      name: "eu-api-authorizer", slot: 1, runtime: node, role: "eu-api-authorizer-role",
      description: "REQUEST authorizer for the EU checkout API", memory: 256, timeout: 5,
      env: { JWT_KEY_SECRET_ARN: secret(1, "prod/api/jwt-signing-key-eu-7Gh2Lm") }, tags: t("platform", "edge-auth"),
    },
    {
      // Flaws (LX-03, SA-05): the partner API protects it with JWT, but its own URL bypasses that.
      name: "checkout-session-creator", slot: 1, runtime: node, role: "checkout-session-creator-role",
      description: "Creates hosted checkout sessions for partners", memory: 256, timeout: 10,
      url: { authType: "NONE" }, tags: t("payments", "eu-checkout"),
    },
    {
      // Flaws (LC-01, LX-01, R-01).
      name: "eu-partner-sync", slot: 1, runtime: "nodejs14.x", role: "eu-partner-sync-role",
      description: "Syncs merchant data with the EU acquiring partner", memory: 512, timeout: 120,
      env: { PARTNER_BASE_URL: "https://api.partner-acquirer.example/v2" },
      permissions: [{ sid: "AllowPartnerInvoke", principal: "*" }],
      tags: t("payments", "partner-sync"),
    },
    {
      // Flaw (LX-01): "anyone can read the banner", so anyone can invoke it.
      name: "promo-banner-api", slot: 1, runtime: node, role: "promo-banner-api-role",
      description: "Serves promotional banners", memory: 128, timeout: 3,
      permissions: [{ sid: "public-banner", principal: "*", action: "lambda:InvokeFunction" }],
      tags: t("growth", "promotions"),
    },
    {
      name: "gdpr-erasure-worker", slot: 1, runtime: py, role: "gdpr-erasure-worker-role",
      description: "Erases customer data on request", memory: 512, timeout: 240, tracing: true,
      dlq: "gdpr-erasure-dlq", onFailure: "eu-async-failures",
      eventSources: [{ kind: "sqs", queue: "gdpr-erasure-requests", batchSize: 5 }],
      tags: t("data", "privacy"),
    },
    {
      // ES-07: a disabled mapping left behind after a migration.
      name: "customer-sync", slot: 1, runtime: py, role: "customer-sync-role",
      description: "Mirrors customer changes to the CRM", memory: 256, timeout: 60,
      eventSources: [{ kind: "dynamodb", table: "customers-eu", batchSize: 50, enabled: false }],
      tags: t("data", "crm-sync"),
    },
    {
      name: "clickstream-aggregator", slot: 1, runtime: "python3.13", role: "clickstream-aggregator-role",
      description: "Aggregates clickstream into hourly rollups", memory: 1024, timeout: 120,
      eventSources: [{ kind: "kinesis", stream: "clickstream-eu", batchSize: 500 }],
      tags: t("data", "analytics"),
    },
    {
      name: "eu-data-export", slot: 1, runtime: py, role: "eu-data-export-role",
      description: "Signed function URL for subject-access exports", memory: 512, timeout: 60,
      url: { authType: "AWS_IAM", cors: { AllowOrigins: ["https://privacy.acmepayments.example"], AllowMethods: ["GET"] } },
      tags: t("data", "privacy"),
    },
    {
      name: "org-audit-collector", slot: 1, runtime: py, role: "org-audit-collector-role",
      description: "Collects audit events from every account in the organization", memory: 256, timeout: 60,
      // Principal * narrowed to Acme's organization: not public.
      permissions: [{ sid: "org-accounts", principal: "*", principalOrgId: ACME_ORG_ID }],
      tags: t("platform", "audit"),
    },
    {
      name: "eu-vat-calculator", slot: 1, runtime: py, role: "eu-vat-calculator-role",
      description: "VAT rates for partners", memory: 128, timeout: 5, tags: t("billing", "tax"),
    },
    {
      name: "eu-invoice-archiver", slot: 1, runtime: node, role: "eu-invoice-archiver-role",
      description: "Archives invoices to the EU bucket", memory: 512, timeout: 60,
      permissions: [
        { sid: "s3-eu-invoice-archive", principal: "s3.amazonaws.com", sourceArn: bucket(`acme-eu-invoice-archive-${acct}`), sourceAccount: acct },
      ],
      tags: t("billing", "invoicing"),
    },
    {
      name: "fx-rate-refresher", slot: 1, runtime: "python3.13", role: "fx-rate-refresher-role",
      description: "Refreshes FX rates every 15 minutes", memory: 256, timeout: 30, tracing: true,
      permissions: [
        { sid: "events-fx-refresh", principal: "events.amazonaws.com", sourceArn: `arn:aws:events:${r1}:${acct}:rule/fx-rate-refresh-15m`, sourceAccount: acct },
      ],
      tags: t("billing", "fx"),
      // The schedule now targets the "live" alias, which carries its own permission for that rule.
      versions: ["Rates from the primary provider", "Fallback to the ECB reference rates"],
      aliases: [
        {
          name: "live",
          version: 2,
          description: "Invoked by the 15-minute schedule",
          permission: {
            sid: "events-fx-refresh-live",
            principal: "events.amazonaws.com",
            sourceArn: `arn:aws:events:${r1}:${acct}:rule/fx-rate-refresh-15m`,
            sourceAccount: acct,
          },
        },
      ],
    },
  ];

  const restApis: RestApiSpec[] = [
    {
      name: "acme-orders-api", slot: 0, description: "Orders, payments and refunds for the web app", endpointType: "REGIONAL",
      authorizer: { name: "jwt-token", fn: "api-token-authorizer", type: "TOKEN" },
      stage: { name: "prod", tracing: true, logging: true, variables: { lambdaAlias: "live" }, webAcl: "acme-edge-protection" },
      usagePlan: { name: "web-app", rateLimit: 500, burstLimit: 1000 },
      methods: [
        { path: "/orders", method: "GET", auth: "CUSTOM", fn: "orders-api-handler" },
        { path: "/orders", method: "POST", auth: "CUSTOM", fn: "orders-api-handler" },
        { path: "/orders/{orderId}", method: "GET", auth: "AWS_IAM", fn: "order-lookup" },
        // Webhooks cannot carry AWS credentials; the handler checks the provider's signature.
        { path: "/webhooks/stripe", method: "POST", auth: "NONE", fn: "payments-webhook" },
        // LX-02/LX-09: the permission has no SourceArn at all.
        { path: "/chargebacks", method: "POST", auth: "CUSTOM", fn: "chargeback-handler", permission: "noSourceArn" },
        // LX-09: the permission allows any method on any stage of the API.
        { path: "/refunds", method: "POST", auth: "AWS_IAM", fn: "refund-processor", permission: "anyMethod" },
        { path: "/health", method: "GET", auth: "NONE" },
      ],
    },
    {
      // Flaws (A1-04, A1-05): a private API whose policy lets any principal from any VPC endpoint in.
      name: "acme-admin-api", slot: 0, description: "Internal operations API", endpointType: "PRIVATE", policy: "open",
      stage: { name: "internal", tracing: false, logging: false },
      methods: [
        { path: "/jobs/{jobName}", method: "POST", auth: "AWS_IAM", fn: "admin-ops-runner" },
        { path: "/webhooks/replay", method: "POST", auth: "AWS_IAM", fn: "webhook-replayer" },
      ],
    },
    {
      // Flaws (A1-06, A1-08): production stage without execution logging or tracing.
      name: "acme-eu-checkout-api", slot: 1, description: "EU checkout", endpointType: "EDGE",
      authorizer: { name: "eu-request-auth", fn: "eu-api-authorizer", type: "REQUEST" },
      stage: { name: "prod", tracing: false, logging: false },
      usagePlan: {
        name: "eu-merchants",
        rateLimit: 100,
        burstLimit: 200,
        keys: [
          { name: "merchant-bluebird-shop", description: "Bluebird Shop (EU merchant)", enabled: true, tags: { merchant: "bluebird-shop" } },
          // Kept after offboarding: disabled, but still attached to the plan.
          { name: "merchant-oldtown-deli", description: "Oldtown Deli (offboarded 2026-09)", enabled: false, tags: { merchant: "oldtown-deli" } },
        ],
      },
      methods: [
        { path: "/checkout", method: "POST", auth: "NONE", apiKeyRequired: true, fn: "eu-checkout-api" },
        { path: "/checkout/{sessionId}", method: "GET", auth: "CUSTOM", fn: "eu-checkout-api" },
      ],
    },
    {
      // Flaws (A1-01..03, A1-06, A1-09..11, A1-14, SA-04, SA-06): a partner team's API, built by hand. v2 caches
      // responses unencrypted and keeps the ledger database URL, password included, in a stage variable; v1 is
      // still live on the first deployment; nothing is logged or throttled, and no method authenticates.
      name: "acme-partner-callbacks-api", slot: 0, description: "Callbacks from payment partners", endpointType: "REGIONAL",
      stage: { name: "v2", tracing: false, logging: false, variables: { LEDGER_DB_URL: FAKE_LEDGER_DB_URL }, caching: { encrypted: false } },
      previousStage: { name: "v1" },
      methods: [
        { path: "/callbacks/{partner}", method: "POST", auth: "NONE", fn: "partner-callback-relay" },
        { path: "/partners/status", method: "GET", auth: "NONE", apiKeyRequired: true, http: "https://status.partner-acquirer.example/v1/health" },
      ],
    },
    {
      // Look-alikes (A1-02..05, A1-12, SA-02): a private API deployed by CloudFormation, with the resource policy
      // AWS documents for private APIs and a validator on every request body.
      name: "acme-internal-reports-api", slot: 0, description: "Finance reports for internal tools", endpointType: "PRIVATE", policy: "vpce",
      tags: { "aws:cloudformation:stack-name": "acme-reporting", "aws:cloudformation:logical-id": "ReportsApi" },
      requestValidator: "validate-body",
      stage: { name: "prod", tracing: true, logging: true },
      methods: [
        { path: "/reports", method: "POST", auth: "AWS_IAM", fn: "nightly-report", validated: true },
        { path: "/reports/{reportId}", method: "GET", auth: "AWS_IAM", fn: "nightly-report" },
      ],
    },
  ];

  /** The internal load balancer behind the VPC link (an ARN only: the demo does not run load balancers). */
  const internalListener = `arn:aws:elasticloadbalancing:${r0}:${acct}:listener/app/acme-internal/50dc6c495c0c9188/0467ef3c8400ae65`;
  const httpApis: HttpApiSpec[] = [
    {
      // Deployed with SAM (SA-02); credentialed CORS for one named HTTPS origin (A2-05); TLS to the private
      // loyalty service (A2-03).
      name: "acme-mobile-bff", slot: 0, description: "Backend for the mobile app",
      tags: { "httpapi:createdBy": "SAM" },
      cors: {
        AllowOrigins: ["https://app.acmepayments.example"],
        AllowMethods: ["GET", "POST", "PUT"],
        AllowHeaders: ["authorization", "content-type"],
        AllowCredentials: true,
      },
      jwt: { issuer: `https://cognito-idp.${r0}.amazonaws.com/${r0}_AcmeUsers1`, audience: ["4ad1mobileclient8x2k"] },
      stage: { accessLogs: true, throttling: { rate: 200, burst: 400 } },
      routes: [
        // Sign-up must be reachable before the user has a token.
        { routeKey: "POST /signup", auth: "NONE", fn: "user-signup" },
        { routeKey: "GET /profile", auth: "JWT", fn: "user-profile" },
        { routeKey: "PUT /profile", auth: "JWT", fn: "user-profile" },
        { routeKey: "POST /payments", auth: "JWT", fn: "payment-intent-creator" },
        { routeKey: "GET /loyalty/{proxy+}", auth: "JWT", private: { uri: internalListener, tlsServerName: "loyalty.internal.acmepayments.example" } },
      ],
    },
    {
      // Flaw (A2-02): stage without access logs; an open route on a partner API.
      name: "acme-partner-api", slot: 1, description: "Partner API (EU)",
      cors: { AllowOrigins: ["*"], AllowMethods: ["GET", "POST"] },
      jwt: { issuer: "https://auth.acmepayments.example/partners", audience: ["partner-api"] },
      stage: { accessLogs: false },
      routes: [
        { routeKey: "POST /checkout-sessions", auth: "JWT", fn: "checkout-session-creator" },
        { routeKey: "GET /vat-rates", auth: "JWT", fn: "eu-vat-calculator" },
        { routeKey: "GET /banners", auth: "NONE", fn: "promo-banner-api" },
      ],
    },
    {
      // Flaws (A2-03, A2-05, A2-06, SA-04): the merchant portal's API, built in a hurry. Credentialed CORS for a
      // wildcard and a plain-HTTP origin, a JWT authorizer that accepts any audience, plain HTTP to the legacy
      // service behind the VPC link, and a v1 stage left next to v2.
      name: "acme-merchant-portal-api", slot: 0, description: "Merchant portal backend",
      cors: {
        AllowOrigins: ["https://*.merchants.acmepayments.example", "http://portal.acmepayments.example"],
        AllowMethods: ["GET", "POST"],
        AllowCredentials: true,
      },
      jwt: { issuer: "https://auth.acmepayments.example/merchants", audience: [] },
      stage: { accessLogs: true },
      versionStages: ["v1", "v2"],
      routes: [
        { routeKey: "GET /settlements", auth: "JWT", fn: "settlement-reconciler" },
        { routeKey: "ANY /legacy/{proxy+}", auth: "JWT", private: { uri: internalListener, tlsServerName: null } },
      ],
    },
    {
      // Look-alike (A2-04): customers connect with their token, checked on $connect by a REQUEST authorizer.
      name: "acme-order-tracking-ws", slot: 0, description: "Live order status for signed-in customers", protocol: "WEBSOCKET",
      requestAuthorizer: { name: "connect-token", fn: "api-token-authorizer", identitySource: ["route.request.querystring.token"] },
      stage: { name: "production", accessLogs: true },
      routes: [
        { routeKey: "$connect", auth: "CUSTOM", fn: "order-tracking-feed" },
        { routeKey: "$default", auth: "NONE", fn: "order-tracking-feed" },
      ],
    },
    {
      // Flaw (A2-04): anyone can open a connection, and with it use every route.
      name: "acme-ops-dashboard-ws", slot: 0, description: "Live metrics for the operations dashboard", protocol: "WEBSOCKET",
      stage: { name: "production", accessLogs: false },
      routes: [
        { routeKey: "$connect", auth: "NONE", fn: "ops-dashboard-stream" },
        { routeKey: "$default", auth: "NONE", fn: "ops-dashboard-stream" },
      ],
    },
  ];

  const domainNames: DomainNameSpec[] = [
    {
      name: "api.acmepayments.example", slot: 0, endpointType: "REGIONAL", securityPolicy: "TLS_1_2",
      mappings: [{ api: "acme-orders-api", stage: "prod", basePath: "orders" }],
    },
    {
      // Flaw (A1-13): an edge-optimized domain still on the TLS 1.0 policy it was created with.
      name: "checkout.eu.acmepayments.example", slot: 1, endpointType: "EDGE", securityPolicy: "TLS_1_0",
      mappings: [{ api: "acme-eu-checkout-api", stage: "prod", basePath: "(none)" }],
    },
  ];
  const httpDomainNames: HttpDomainNameSpec[] = [
    { name: "mobile.acmepayments.example", slot: 0, securityPolicy: "TLS_1_2", mappings: [{ api: "acme-mobile-bff", stage: "$default", key: "v1" }] },
  ];

  const kmsKeys: KmsKeySpec[] = [
    { alias: "alias/acme-orders-queues", slot: 0, description: "Encrypts the order queues", rotation: true },
    // Flaw (ES-04): created by hand for the privacy queues; automatic rotation was never turned on.
    { alias: "alias/acme-privacy-queues", slot: 1, description: "Encrypts the GDPR erasure queues", rotation: false },
  ];
  const topics: TopicSpec[] = [
    // invoice-pdf-renderer's trigger (its permission names the topic).
    { name: "invoice-render-requests", slot: 0, kmsKey: "alias/aws/sns" },
    // Flaws (ES-02, ES-03): partners publish to it, and so may anyone; not encrypted.
    { name: "acme-partner-events", slot: 0, publicPublish: true },
  ];
  const buckets: BucketSpec[] = [
    // image-thumbnailer's trigger (its permission names the bucket).
    { name: `acme-user-uploads-${acct}`, slot: 0, blockPublicAccess: true },
    { name: `acme-cloudtrail-${acct}`, slot: 0, blockPublicAccess: true },
  ];
  const vpcs: VpcSpec[] = [
    {
      name: "acme-payments", slot: 0, cidr: "10.20.0.0/16", securityGroup: "acme-lambda",
      subnets: [
        { name: "private-a", zone: "a", cidr: "10.20.1.0/24" },
        { name: "private-b", zone: "b", cidr: "10.20.2.0/24" },
        // A second subnet in zone a, added when private-a ran out of addresses.
        { name: "private-a2", zone: "a", cidr: "10.20.3.0/24" },
      ],
      vpcLink: { name: "acme-internal-services", subnets: ["private-a", "private-b"] },
    },
  ];
  const trails: TrailSpec[] = [
    {
      // Records invocations on the payment path only: the rest of the estate is not logged (LC-11).
      name: "acme-payments-audit", slot: 0, bucket: `acme-cloudtrail-${acct}`, multiRegion: true,
      functions: ["payments-webhook", "refund-processor", "chargeback-handler", "payment-intent-creator"],
    },
  ];

  return {
    kmsKeys,
    topics,
    buckets,
    vpcs,
    trails,
    customerPolicies,
    roles,
    users,
    groups,
    queues,
    tables,
    streams,
    layer: {
      name: "acme-observability",
      runtimes: ["python3.12", "python3.13"],
      versions: [
        // Flaw (LX-08): the first release was shared with every AWS account for a conference demo.
        { description: "Structured logging and tracing helpers 1.4.2", grant: { sid: "public-demo-share" } },
        { description: "Structured logging and tracing helpers 1.5.0", grant: { sid: "acme-organization", organizationId: ACME_ORG_ID } },
      ],
    },
    functions,
    restApis,
    httpApis,
    domainNames,
    httpDomainNames,
  };
}
