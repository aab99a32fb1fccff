import { describe, expect, it } from 'vitest';
import { parseEmf } from '#local/twin/emf-metrics';
import { resolveValue } from '#local/twin/intrinsics';
import { eventMatches, keyMatches } from '#local/twin/s3-notifications';

const context = {
  region: 'us-east-1',
  accountId: '000000000000',
  stackName: 'ClaimFlow',
  resources: new Map([
    [
      'Queue',
      { ref: 'http://127.0.0.1:1/000000000000/q', attributes: { Arn: 'arn:aws:sqs:us-east-1:000000000000:q' } },
    ],
  ]),
};

describe('intrinsic functions in the twin', () => {
  it('resolves Ref, Fn::GetAtt, Fn::Join and Fn::Sub against local resources', () => {
    const value = {
      url: { Ref: 'Queue' },
      arn: { 'Fn::GetAtt': ['Queue', 'Arn'] },
      joined: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::b/*']] },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Fn::Sub's own ${} syntax, not a JavaScript template
      sub: { 'Fn::Sub': 'logs.${AWS::Region}.amazonaws.com' },
    };

    expect(resolveValue(value, context)).toEqual({
      url: 'http://127.0.0.1:1/000000000000/q',
      arn: 'arn:aws:sqs:us-east-1:000000000000:q',
      joined: 'arn:aws:s3:::b/*',
      sub: 'logs.us-east-1.amazonaws.com',
    });
  });

  it('refuses a reference to a resource the twin has not created', () => {
    expect(() => resolveValue({ Ref: 'Missing' }, context)).toThrow(/Missing/);
  });
});

describe('S3 notification matching', () => {
  it('matches ObjectCreated:* against every creation event and nothing else', () => {
    expect(eventMatches('s3:ObjectCreated:*', 'ObjectCreated:Put')).toBe(true);
    expect(eventMatches('s3:ObjectCreated:*', 'ObjectCreated:CompleteMultipartUpload')).toBe(true);
    expect(eventMatches('s3:ObjectCreated:*', 'ObjectRemoved:Delete')).toBe(false);
  });

  it('applies prefix and suffix filters to the decoded key', () => {
    expect(keyMatches({ prefix: 'inbox/' }, 'inbox/visit+notes%281%29.txt')).toBe(true);
    expect(keyMatches({ prefix: 'inbox/', suffix: '.json' }, 'inbox/visit.txt')).toBe(false);
    expect(keyMatches({ prefix: 'inbox/' }, 'quarantine/inbox/x.txt')).toBe(false);
  });
});

describe('EMF metric lines', () => {
  it('reads every metric value with its dimensions', () => {
    const line = JSON.stringify({
      _aws: {
        Timestamp: 1,
        CloudWatchMetrics: [
          {
            Namespace: 'ClaimFlow',
            Dimensions: [['service']],
            Metrics: [{ Name: 'DocumentsReceived', Unit: 'Count' }],
          },
        ],
      },
      service: 'claimflow',
      DocumentsReceived: [1, 1],
    });

    const points = parseEmf(line, 'fn');

    expect(points?.map((p) => [p.name, p.value, p.dimensions.service])).toEqual([
      ['DocumentsReceived', 1, 'claimflow'],
      ['DocumentsReceived', 1, 'claimflow'],
    ]);
  });

  it('passes ordinary log lines through', () => {
    expect(parseEmf('{"level":"INFO","message":"document settled"}', 'fn')).toBeUndefined();
  });
});
