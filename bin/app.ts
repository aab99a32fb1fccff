#!/usr/bin/env node
/** CDK entry point (`npx cdk synth`, `npx cdk deploy`). Account and region come from the CLI's environment. */
import { createApp } from '#lib/app';

const { app } = createApp({
  stackProps: {
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    description: 'ClaimFlow: medical coding and billing pipeline',
  },
});
app.synth();
