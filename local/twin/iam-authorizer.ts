/**
 * The twin's stand-in for API Gateway's AWS_IAM route authorization: the request's SigV4 signature is checked against
 * the twin's local credentials (secret `local`; access key `local`, or `local-<name>` to act as another operator),
 * and the caller's identity is handed to the function as API Gateway hands it (`requestContext.authorizer.iam`).
 * IAM policies themselves are not evaluated offline (the infra tests check them on the template).
 */
import { verifyRequest } from '#local/operations-api/sigv4';
import type { IamAuthorizer } from './providers/api-gateway-v2.ts';

export const LOCAL_SECRET_ACCESS_KEY = 'local';
const LOCAL_ACCESS_KEY = /^local(?:-([a-z][a-z0-9.-]{0,40}))?$/;

export function localIamAuthorizer(region: string, accountId: string): IamAuthorizer {
  return async (request) => {
    const verdict = await verifyRequest(
      { method: request.method, url: request.url, headers: request.headers, body: request.body },
      region,
      (accessKeyId) => (LOCAL_ACCESS_KEY.test(accessKeyId) ? LOCAL_SECRET_ACCESS_KEY : undefined),
    );
    if (!verdict.ok) return { ok: false, status: 403, message: verdict.reason };
    const user = LOCAL_ACCESS_KEY.exec(verdict.accessKeyId)?.[1] ?? 'local-operator';
    return {
      ok: true,
      iam: {
        accessKey: verdict.accessKeyId,
        accountId,
        callerId: `AIDALOCAL${user.toUpperCase().replace(/[^A-Z0-9]/g, '')}`,
        cognitoIdentity: null,
        principalOrgId: null,
        userArn: `arn:aws:iam::${accountId}:user/${user}`,
        userId: `AIDALOCAL${user.toUpperCase().replace(/[^A-Z0-9]/g, '')}`,
      },
    };
  };
}
