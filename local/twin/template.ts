/** The synthesized CloudFormation template as the twin reads it: resources by logical id, nothing hand-kept. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  DependsOn?: string | string[];
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown }>;
}

export function resourcesOfType(template: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

export function property<T = unknown>(resource: CfnResource, name: string): T | undefined {
  return resource.Properties?.[name] as T | undefined;
}
