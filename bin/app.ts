#!/usr/bin/env node
/**
 * CDK entry point (`npx cdk synth`, `npx cdk deploy [-c claimflow:config=path/to/practice.json]`). Account and region
 * come from the CLI's environment. The practice configuration is validated here, before anything is deployed.
 */
import { readFileSync } from 'node:fs';
import { parsePracticeConfig } from '#core/config/practice-config';
import { createApp, SAMPLE_PRACTICE_CONFIG } from '#lib/app';

const { app } = createApp({
  stackProps: {
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    description: 'ClaimFlow: medical coding and billing pipeline',
  },
});
const configPath = (app.node.tryGetContext('claimflow:config') as string | undefined) ?? SAMPLE_PRACTICE_CONFIG;
parsePracticeConfig(JSON.parse(readFileSync(configPath, 'utf8')), configPath);
app.synth();
