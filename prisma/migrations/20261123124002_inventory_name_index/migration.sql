-- CreateIndex
CREATE INDEX "ApiGatewayApiKey_name_arn_idx" ON "ApiGatewayApiKey"("name", "arn");

-- CreateIndex
CREATE INDEX "ApiGatewayDomainName_name_arn_idx" ON "ApiGatewayDomainName"("name", "arn");

-- CreateIndex
CREATE INDEX "ApiGatewayRestApi_name_arn_idx" ON "ApiGatewayRestApi"("name", "arn");

-- CreateIndex
CREATE INDEX "ApiGatewayUsagePlan_name_arn_idx" ON "ApiGatewayUsagePlan"("name", "arn");

-- CreateIndex
CREATE INDEX "ApiGatewayV2Api_name_arn_idx" ON "ApiGatewayV2Api"("name", "arn");

-- CreateIndex
CREATE INDEX "IamGroup_name_arn_idx" ON "IamGroup"("name", "arn");

-- CreateIndex
CREATE INDEX "IamPolicy_name_arn_idx" ON "IamPolicy"("name", "arn");

-- CreateIndex
CREATE INDEX "IamRole_name_arn_idx" ON "IamRole"("name", "arn");

-- CreateIndex
CREATE INDEX "IamUser_name_arn_idx" ON "IamUser"("name", "arn");

-- CreateIndex
CREATE INDEX "LambdaAccountSettings_name_arn_idx" ON "LambdaAccountSettings"("name", "arn");

-- CreateIndex
CREATE INDEX "LambdaEventSourceMapping_name_arn_idx" ON "LambdaEventSourceMapping"("name", "arn");

-- CreateIndex
CREATE INDEX "LambdaFunction_name_arn_idx" ON "LambdaFunction"("name", "arn");

-- CreateIndex
CREATE INDEX "LambdaLayerVersion_name_arn_idx" ON "LambdaLayerVersion"("name", "arn");
