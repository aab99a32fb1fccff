/**
 * Which ClaimFlow the CLI talks to: the running local twin (found through .claimflow/twin.json), or a deployed stack
 * found from its CloudFormation outputs with the usual AWS credentials. AWS is used only when asked for (`--target
 * aws` or `--stack NAME`): with neither and no twin running, the CLI says how to start one instead of failing on
 * missing AWS credentials.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_STACK_NAME } from '#contracts/deployment';
import { type OperationsApi, operationsApi } from '#local/operations-api/client';
import { readTwinState, TWIN_STATE_FILE, type TwinScrubbing } from '#local/twin/twin-state';

export interface Target {
  description: string;
  s3: S3Client;
  sqs: SQSClient;
  dynamo: DynamoDBDocumentClient;
  outputs: Record<string, string>;
  /** The operations API (SigV4-signed operator actions), when the stack has one. */
  operations?: OperationsApi;
  /** What the twin's functions scrub with (recorded in twin.json); absent for a deployed stack. */
  scrubbing?: TwinScrubbing;
}

export const TARGET_OPTIONS = {
  target: { type: 'string', default: 'auto' },
  stack: { type: 'string' },
} as const;

/** No ClaimFlow to talk to: a message for the operator, not a stack trace. */
export class NoTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoTargetError';
  }
}

export async function resolveTarget(
  options: { target?: string; stack?: string },
  stateFile = TWIN_STATE_FILE,
): Promise<Target> {
  const wanted = options.target ?? 'auto';
  if (wanted !== 'auto' && wanted !== 'twin' && wanted !== 'aws') {
    throw new Error(`--target must be twin, aws or auto, not "${wanted}"`);
  }
  const twin = wanted === 'aws' ? undefined : readTwinState(stateFile);
  if (twin) {
    const local = { region: twin.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
    return {
      description: `local twin (pid ${twin.pid}, S3 ${twin.endpoints.s3})`,
      s3: new S3Client({ ...local, endpoint: twin.endpoints.s3, forcePathStyle: true }),
      sqs: new SQSClient({ ...local, endpoint: twin.endpoints.sqs }),
      dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({ ...local, endpoint: twin.endpoints.dynamodb })),
      outputs: twin.outputs,
      ...(twin.scrubbing ? { scrubbing: twin.scrubbing } : {}),
      ...(twin.outputs.OperationsApiUrl
        ? {
            operations: operationsApi({
              baseUrl: twin.outputs.OperationsApiUrl,
              region: twin.region,
              credentials: async () => local.credentials,
            }),
          }
        : {}),
    };
  }
  if (wanted === 'twin' || (wanted === 'auto' && options.stack === undefined)) {
    throw new NoTargetError(
      'no local twin is running. Start one in another terminal with `npm start` (it keeps its data in ' +
        '.claimflow/data; `npm start -- --fresh` starts empty), or talk to a deployed stack with `--target aws` ' +
        '(and `--stack NAME` if it is not named ClaimFlow).',
    );
  }
  const stackName = options.stack ?? DEFAULT_STACK_NAME;
  const cloudFormation = new CloudFormationClient({});
  const { Stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
  const outputs = Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
  if (!outputs.IntakeBucketName || !outputs.TableName) {
    throw new Error(`stack ${stackName} has no IntakeBucketName/TableName outputs: is it a ClaimFlow stack?`);
  }
  return {
    description: `stack ${stackName}`,
    s3: new S3Client({}),
    sqs: new SQSClient({}),
    dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({})),
    outputs,
    ...(outputs.OperationsApiUrl
      ? {
          operations: operationsApi({
            baseUrl: outputs.OperationsApiUrl,
            // The operator's own credentials and region, from the SDK's default chain (the client above used them).
            region: await cloudFormation.config.region(),
            credentials: () => cloudFormation.config.credentials(),
          }),
        }
      : {}),
  };
}
