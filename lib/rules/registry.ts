// Every rule Lantern evaluates, imported one by one (no glob, no barrel) so the bundle and the
// reviewer both see the full list. registry.test.ts checks this list against the files on disk.
import type { AnyRuleDefinition, ResourceType } from "@/lib/rules/types";
import { rule as apigatewayDomainNameTlsPolicyCurrent } from "@/lib/rules/apigateway/apigateway_domain_name_tls_policy_current.rule";
import { rule as apigatewayRestApiEndpointNotPublic } from "@/lib/rules/apigateway/apigateway_rest_api_endpoint_not_public.rule";
import { rule as apigatewayRestApiMethodAuthorizationRequired } from "@/lib/rules/apigateway/apigateway_rest_api_method_authorization_required.rule";
import { rule as apigatewayRestApiPolicyNotPublic } from "@/lib/rules/apigateway/apigateway_rest_api_policy_not_public.rule";
import { rule as apigatewayRestApiPrivatePolicyRestrictsVpc } from "@/lib/rules/apigateway/apigateway_rest_api_private_policy_restricts_vpc.rule";
import { rule as apigatewayRestApiPublicRequiresAuthentication } from "@/lib/rules/apigateway/apigateway_rest_api_public_requires_authentication.rule";
import { rule as apigatewayRestApiRequestValidationEnabled } from "@/lib/rules/apigateway/apigateway_rest_api_request_validation_enabled.rule";
import { rule as apigatewayRestApiStageCacheEncrypted } from "@/lib/rules/apigateway/apigateway_rest_api_stage_cache_encrypted.rule";
import { rule as apigatewayRestApiStageClientCertificateEnabled } from "@/lib/rules/apigateway/apigateway_rest_api_stage_client_certificate_enabled.rule";
import { rule as apigatewayRestApiStageExecutionLoggingEnabled } from "@/lib/rules/apigateway/apigateway_rest_api_stage_execution_logging_enabled.rule";
import { rule as apigatewayRestApiStageThrottled } from "@/lib/rules/apigateway/apigateway_rest_api_stage_throttled.rule";
import { rule as apigatewayRestApiStageTracingEnabled } from "@/lib/rules/apigateway/apigateway_rest_api_stage_tracing_enabled.rule";
import { rule as apigatewayRestApiStageWafEnabled } from "@/lib/rules/apigateway/apigateway_rest_api_stage_waf_enabled.rule";
import { rule as apigatewayStageNoSecretsInVariables } from "@/lib/rules/apigateway/apigateway_stage_no_secrets_in_variables.rule";
import { rule as apigatewayv2ApiCorsCredentialsRestricted } from "@/lib/rules/apigatewayv2/apigatewayv2_api_cors_credentials_restricted.rule";
import { rule as apigatewayv2ApiJwtAuthorizerAudienceConfigured } from "@/lib/rules/apigatewayv2/apigatewayv2_api_jwt_authorizer_audience_configured.rule";
import { rule as apigatewayv2ApiPrivateIntegrationTlsEnabled } from "@/lib/rules/apigatewayv2/apigatewayv2_api_private_integration_tls_enabled.rule";
import { rule as apigatewayv2ApiRouteAuthorizationRequired } from "@/lib/rules/apigatewayv2/apigatewayv2_api_route_authorization_required.rule";
import { rule as apigatewayv2ApiStageAccessLoggingEnabled } from "@/lib/rules/apigatewayv2/apigatewayv2_api_stage_access_logging_enabled.rule";
import { rule as apigatewayv2ApiWebsocketConnectAuthorized } from "@/lib/rules/apigatewayv2/apigatewayv2_api_websocket_connect_authorized.rule";
import { rule as attackPathInternetToPrivilegedFunction } from "@/lib/rules/attack-path/attack_path_internet_to_privileged_function.rule";
import { rule as accessanalyzerExternalAccessEnabled } from "@/lib/rules/environment/accessanalyzer_external_access_enabled.rule";
import { rule as accessanalyzerNoActiveFindings } from "@/lib/rules/environment/accessanalyzer_no_active_findings.rule";
import { rule as kmsKeyOfServerlessResourceRotationEnabled } from "@/lib/rules/environment/kms_key_of_serverless_resource_rotation_enabled.rule";
import { rule as lambdaFunctionCanWriteLogs } from "@/lib/rules/environment/lambda_function_can_write_logs.rule";
import { rule as lambdaFunctionInvokeLoggedByCloudtrail } from "@/lib/rules/environment/lambda_function_invoke_logged_by_cloudtrail.rule";
import { rule as lambdaFunctionVpcMultiAz } from "@/lib/rules/environment/lambda_function_vpc_multi_az.rule";
import { rule as s3BucketTriggerNotPubliclyWritable } from "@/lib/rules/environment/s3_bucket_trigger_not_publicly_writable.rule";
import { rule as snsTopicEncryptedAtRest } from "@/lib/rules/environment/sns_topic_encrypted_at_rest.rule";
import { rule as snsTopicTriggerNotPubliclyWritable } from "@/lib/rules/environment/sns_topic_trigger_not_publicly_writable.rule";
import { rule as sqsQueueEncryptedAtRest } from "@/lib/rules/environment/sqs_queue_encrypted_at_rest.rule";
import { rule as sqsQueueTriggerNotPubliclyWritable } from "@/lib/rules/environment/sqs_queue_trigger_not_publicly_writable.rule";
import { rule as lambdaEventSourceMappingFailureDestinationConfigured } from "@/lib/rules/event-sources/lambda_event_source_mapping_failure_destination_configured.rule";
import { rule as lambdaEventSourceMappingNotDisabled } from "@/lib/rules/event-sources/lambda_event_source_mapping_not_disabled.rule";
import { rule as lambdaFunctionEventSourcesInventoried } from "@/lib/rules/event-sources/lambda_function_event_sources_inventoried.rule";
import { rule as lambdaFunctionTriggerSourcesExist } from "@/lib/rules/event-sources/lambda_function_trigger_sources_exist.rule";
import { rule as iamPolicyNoAllowNotAction } from "@/lib/rules/iam/iam_policy_no_allow_not_action.rule";
import { rule as iamPolicyNoFullAccessToCriticalServices } from "@/lib/rules/iam/iam_policy_no_full_access_to_critical_services.rule";
import { rule as iamPolicyNoPermissiveRoleAssumption } from "@/lib/rules/iam/iam_policy_no_permissive_role_assumption.rule";
import { rule as iamPolicyNoWildcardAccountResources } from "@/lib/rules/iam/iam_policy_no_wildcard_account_resources.rule";
import { rule as iamRoleInlinePolicyNoAllowNotAction } from "@/lib/rules/iam/iam_role_inline_policy_no_allow_not_action.rule";
import { rule as iamRoleInlinePolicyNoFullAccessToCriticalServices } from "@/lib/rules/iam/iam_role_inline_policy_no_full_access_to_critical_services.rule";
import { rule as iamRoleInlinePolicyNoPermissiveRoleAssumption } from "@/lib/rules/iam/iam_role_inline_policy_no_permissive_role_assumption.rule";
import { rule as iamRoleInlinePolicyNoWildcardAccountResources } from "@/lib/rules/iam/iam_role_inline_policy_no_wildcard_account_resources.rule";
import { rule as iamRoleNoAdministratorAccess } from "@/lib/rules/iam/iam_role_no_administrator_access.rule";
import { rule as iamRoleNoCredentialsExposure } from "@/lib/rules/iam/iam_role_no_credentials_exposure.rule";
import { rule as iamRoleNoInlinePolicies } from "@/lib/rules/iam/iam_role_no_inline_policies.rule";
import { rule as iamRoleNoPrivilegeEscalation } from "@/lib/rules/iam/iam_role_no_privilege_escalation.rule";
import { rule as iamRoleNoResourceExposure } from "@/lib/rules/iam/iam_role_no_resource_exposure.rule";
import { rule as iamRoleNoServiceWildcard } from "@/lib/rules/iam/iam_role_no_service_wildcard.rule";
import { rule as iamRoleNoTransitivePrivilegeEscalation } from "@/lib/rules/iam/iam_role_no_transitive_privilege_escalation.rule";
import { rule as iamRoleNoUnconstrainedDataExfiltration } from "@/lib/rules/iam/iam_role_no_unconstrained_data_exfiltration.rule";
import { rule as iamRoleNoUnconstrainedInfrastructureModification } from "@/lib/rules/iam/iam_role_no_unconstrained_infrastructure_modification.rule";
import { rule as iamRoleNoUnusedServices } from "@/lib/rules/iam/iam_role_no_unused_services.rule";
import { rule as iamRoleNotSharedByLambdaFunctions } from "@/lib/rules/iam/iam_role_not_shared_by_lambda_functions.rule";
import { rule as iamRoleServiceTrustConfusedDeputyProtected } from "@/lib/rules/iam/iam_role_service_trust_confused_deputy_protected.rule";
import { rule as iamRoleTrustNoConditionalPublicAccess } from "@/lib/rules/iam/iam_role_trust_no_conditional_public_access.rule";
import { rule as iamRoleTrustNoUntrustedCrossAccount } from "@/lib/rules/iam/iam_role_trust_no_untrusted_cross_account.rule";
import { rule as iamRoleTrustNotPublic } from "@/lib/rules/iam/iam_role_trust_not_public.rule";
import { rule as iamRoleUsedRecently } from "@/lib/rules/iam/iam_role_used_recently.rule";
import { rule as lambdaFunctionNotModifiableByLessPrivilegedPrincipals } from "@/lib/rules/iam/lambda_function_not_modifiable_by_less_privileged_principals.rule";
import { rule as lambdaFunctionApigatewayPermissionScoped } from "@/lib/rules/lambda/lambda_function_apigateway_permission_scoped.rule";
import { rule as lambdaFunctionAsyncFailureDestinationConfigured } from "@/lib/rules/lambda/lambda_function_async_failure_destination_configured.rule";
import { rule as lambdaFunctionCodeSigningConfigured } from "@/lib/rules/lambda/lambda_function_code_signing_configured.rule";
import { rule as lambdaFunctionEnvEncryptedWithCmk } from "@/lib/rules/lambda/lambda_function_env_encrypted_with_cmk.rule";
import { rule as lambdaFunctionInVpc } from "@/lib/rules/lambda/lambda_function_in_vpc.rule";
import { rule as lambdaFunctionLayersFromTrustedAccounts } from "@/lib/rules/lambda/lambda_function_layers_from_trusted_accounts.rule";
import { rule as lambdaFunctionNoSecretsInCode } from "@/lib/rules/lambda/lambda_function_no_secrets_in_code.rule";
import { rule as lambdaFunctionNoSecretsInEnvironment } from "@/lib/rules/lambda/lambda_function_no_secrets_in_environment.rule";
import { rule as lambdaFunctionNotInternetReachableWithoutAuth } from "@/lib/rules/lambda/lambda_function_not_internet_reachable_without_auth.rule";
import { rule as lambdaFunctionNotPubliclyAccessible } from "@/lib/rules/lambda/lambda_function_not_publicly_accessible.rule";
import { rule as lambdaFunctionOwnerTagged } from "@/lib/rules/lambda/lambda_function_owner_tagged.rule";
import { rule as lambdaFunctionPolicyNoNotPrincipalAllow } from "@/lib/rules/lambda/lambda_function_policy_no_not_principal_allow.rule";
import { rule as lambdaFunctionPolicyNoUntrustedAccountAccess } from "@/lib/rules/lambda/lambda_function_policy_no_untrusted_account_access.rule";
import { rule as lambdaFunctionReservedConcurrencyWhenExposed } from "@/lib/rules/lambda/lambda_function_reserved_concurrency_when_exposed.rule";
import { rule as lambdaFunctionRuntimeSupported } from "@/lib/rules/lambda/lambda_function_runtime_supported.rule";
import { rule as lambdaFunctionServicePermissionSourceRestricted } from "@/lib/rules/lambda/lambda_function_service_permission_source_restricted.rule";
import { rule as lambdaFunctionTracingActive } from "@/lib/rules/lambda/lambda_function_tracing_active.rule";
import { rule as lambdaFunctionUrlAuthRequired } from "@/lib/rules/lambda/lambda_function_url_auth_required.rule";
import { rule as lambdaFunctionUrlCorsOriginRestricted } from "@/lib/rules/lambda/lambda_function_url_cors_origin_restricted.rule";
import { rule as lambdaLayerVersionNotPublic } from "@/lib/rules/lambda/lambda_layer_version_not_public.rule";
import { rule as apigatewayRestApiAnonymousMethodsLogged } from "@/lib/rules/shadow-api/apigateway_rest_api_anonymous_methods_logged.rule";
import { rule as apigatewayRestApiDefaultEndpointDisabled } from "@/lib/rules/shadow-api/apigateway_rest_api_default_endpoint_disabled.rule";
import { rule as apigatewayRestApiManagedByIac } from "@/lib/rules/shadow-api/apigateway_rest_api_managed_by_iac.rule";
import { rule as apigatewayRestApiMatchesOpenapi } from "@/lib/rules/shadow-api/apigateway_rest_api_matches_openapi.rule";
import { rule as apigatewayRestApiStageNotStale } from "@/lib/rules/shadow-api/apigateway_rest_api_stage_not_stale.rule";
import { rule as apigatewayv2ApiAnonymousRoutesLogged } from "@/lib/rules/shadow-api/apigatewayv2_api_anonymous_routes_logged.rule";
import { rule as apigatewayv2ApiDefaultEndpointDisabled } from "@/lib/rules/shadow-api/apigatewayv2_api_default_endpoint_disabled.rule";
import { rule as apigatewayv2ApiManagedByIac } from "@/lib/rules/shadow-api/apigatewayv2_api_managed_by_iac.rule";
import { rule as apigatewayv2ApiMatchesOpenapi } from "@/lib/rules/shadow-api/apigatewayv2_api_matches_openapi.rule";
import { rule as apigatewayv2ApiStageNotStale } from "@/lib/rules/shadow-api/apigatewayv2_api_stage_not_stale.rule";
import { rule as lambdaFunctionEndpointManagedByIac } from "@/lib/rules/shadow-api/lambda_function_endpoint_managed_by_iac.rule";
import { rule as lambdaFunctionUrlNotBypassingApi } from "@/lib/rules/shadow-api/lambda_function_url_not_bypassing_api.rule";

export const RULES: readonly AnyRuleDefinition[] = [
  apigatewayDomainNameTlsPolicyCurrent,
  apigatewayRestApiEndpointNotPublic,
  apigatewayRestApiMethodAuthorizationRequired,
  apigatewayRestApiPolicyNotPublic,
  apigatewayRestApiPrivatePolicyRestrictsVpc,
  apigatewayRestApiPublicRequiresAuthentication,
  apigatewayRestApiRequestValidationEnabled,
  apigatewayRestApiStageCacheEncrypted,
  apigatewayRestApiStageClientCertificateEnabled,
  apigatewayRestApiStageExecutionLoggingEnabled,
  apigatewayRestApiStageThrottled,
  apigatewayRestApiStageTracingEnabled,
  apigatewayRestApiStageWafEnabled,
  apigatewayStageNoSecretsInVariables,
  apigatewayv2ApiCorsCredentialsRestricted,
  apigatewayv2ApiJwtAuthorizerAudienceConfigured,
  apigatewayv2ApiPrivateIntegrationTlsEnabled,
  apigatewayv2ApiRouteAuthorizationRequired,
  apigatewayv2ApiStageAccessLoggingEnabled,
  apigatewayv2ApiWebsocketConnectAuthorized,
  attackPathInternetToPrivilegedFunction,
  accessanalyzerExternalAccessEnabled,
  accessanalyzerNoActiveFindings,
  kmsKeyOfServerlessResourceRotationEnabled,
  lambdaFunctionCanWriteLogs,
  lambdaFunctionInvokeLoggedByCloudtrail,
  lambdaFunctionVpcMultiAz,
  s3BucketTriggerNotPubliclyWritable,
  snsTopicEncryptedAtRest,
  snsTopicTriggerNotPubliclyWritable,
  sqsQueueEncryptedAtRest,
  sqsQueueTriggerNotPubliclyWritable,
  lambdaEventSourceMappingFailureDestinationConfigured,
  lambdaEventSourceMappingNotDisabled,
  lambdaFunctionEventSourcesInventoried,
  lambdaFunctionTriggerSourcesExist,
  iamPolicyNoAllowNotAction,
  iamPolicyNoFullAccessToCriticalServices,
  iamPolicyNoPermissiveRoleAssumption,
  iamPolicyNoWildcardAccountResources,
  iamRoleInlinePolicyNoAllowNotAction,
  iamRoleInlinePolicyNoFullAccessToCriticalServices,
  iamRoleInlinePolicyNoPermissiveRoleAssumption,
  iamRoleInlinePolicyNoWildcardAccountResources,
  iamRoleNoAdministratorAccess,
  iamRoleNoCredentialsExposure,
  iamRoleNoInlinePolicies,
  iamRoleNoPrivilegeEscalation,
  iamRoleNoResourceExposure,
  iamRoleNoServiceWildcard,
  iamRoleNoTransitivePrivilegeEscalation,
  iamRoleNoUnconstrainedDataExfiltration,
  iamRoleNoUnconstrainedInfrastructureModification,
  iamRoleNoUnusedServices,
  iamRoleNotSharedByLambdaFunctions,
  iamRoleServiceTrustConfusedDeputyProtected,
  iamRoleTrustNoConditionalPublicAccess,
  iamRoleTrustNoUntrustedCrossAccount,
  iamRoleTrustNotPublic,
  iamRoleUsedRecently,
  lambdaFunctionNotModifiableByLessPrivilegedPrincipals,
  lambdaFunctionApigatewayPermissionScoped,
  lambdaFunctionAsyncFailureDestinationConfigured,
  lambdaFunctionCodeSigningConfigured,
  lambdaFunctionEnvEncryptedWithCmk,
  lambdaFunctionInVpc,
  lambdaFunctionLayersFromTrustedAccounts,
  lambdaFunctionNoSecretsInCode,
  lambdaFunctionNoSecretsInEnvironment,
  lambdaFunctionNotInternetReachableWithoutAuth,
  lambdaFunctionNotPubliclyAccessible,
  lambdaFunctionOwnerTagged,
  lambdaFunctionPolicyNoNotPrincipalAllow,
  lambdaFunctionPolicyNoUntrustedAccountAccess,
  lambdaFunctionReservedConcurrencyWhenExposed,
  lambdaFunctionRuntimeSupported,
  lambdaFunctionServicePermissionSourceRestricted,
  lambdaFunctionTracingActive,
  lambdaFunctionUrlAuthRequired,
  lambdaFunctionUrlCorsOriginRestricted,
  lambdaLayerVersionNotPublic,
  apigatewayRestApiAnonymousMethodsLogged,
  apigatewayRestApiDefaultEndpointDisabled,
  apigatewayRestApiManagedByIac,
  apigatewayRestApiMatchesOpenapi,
  apigatewayRestApiStageNotStale,
  apigatewayv2ApiAnonymousRoutesLogged,
  apigatewayv2ApiDefaultEndpointDisabled,
  apigatewayv2ApiManagedByIac,
  apigatewayv2ApiMatchesOpenapi,
  apigatewayv2ApiStageNotStale,
  lambdaFunctionEndpointManagedByIac,
  lambdaFunctionUrlNotBypassingApi,
];

const BY_ID = new Map<string, AnyRuleDefinition>(RULES.flatMap((r) => [[r.id, r], ...(r.aliases ?? []).map((a) => [a, r] as const)]));

/** The rule with this id, or with this id among its aliases (renamed rules keep old ids resolving). */
export function getRule(id: string): AnyRuleDefinition | undefined {
  return BY_ID.get(id);
}

/** Active (not deprecated) rules that judge this resource type. */
export function rulesFor(resourceType: ResourceType): AnyRuleDefinition[] {
  return RULES.filter((r) => r.resourceType === resourceType && !r.deprecated);
}
