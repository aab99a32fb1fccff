/**
 * Resolves CloudFormation intrinsic functions against the twin's local resources: Ref and Fn::GetAtt become local
 * names, URLs and ARNs; Fn::Join, Fn::Sub, Fn::Select, Fn::Split and the pseudo parameters work as in CloudFormation.
 * An intrinsic the twin does not know is an error naming it, never a silent empty string.
 */
export interface LocalResourceAttributes {
  /** What `Ref` returns for this resource. */
  ref: string;
  /** What `Fn::GetAtt` returns, by attribute name. */
  attributes: Record<string, string>;
}

export interface IntrinsicContext {
  region: string;
  accountId: string;
  stackName: string;
  resources: Map<string, LocalResourceAttributes>;
}

export function resolveValue(value: unknown, context: IntrinsicContext): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, context));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [fn, arg] = entries[0]!;
    if (fn === 'Ref') return ref(String(arg), context);
    if (fn.startsWith('Fn::')) return intrinsic(fn, arg, context);
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveValue(v, context)]));
}

export function resolveString(value: unknown, context: IntrinsicContext): string {
  const resolved = resolveValue(value, context);
  if (typeof resolved !== 'string' && typeof resolved !== 'number' && typeof resolved !== 'boolean') {
    throw new Error(`expected a string after resolving ${JSON.stringify(value)}, got ${JSON.stringify(resolved)}`);
  }
  return String(resolved);
}

function ref(name: string, context: IntrinsicContext): string {
  switch (name) {
    case 'AWS::Region':
      return context.region;
    case 'AWS::AccountId':
      return context.accountId;
    case 'AWS::Partition':
      return 'aws';
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    case 'AWS::StackName':
      return context.stackName;
    case 'AWS::NoValue':
      return '';
  }
  const resource = context.resources.get(name);
  if (!resource) throw new Error(`Ref to ${name}, which the local twin has not created`);
  return resource.ref;
}

function intrinsic(fn: string, arg: unknown, context: IntrinsicContext): unknown {
  switch (fn) {
    case 'Fn::GetAtt': {
      const [logicalId, attribute] = Array.isArray(arg) ? arg : String(arg).split('.');
      const resource = context.resources.get(String(logicalId));
      const found = resource?.attributes[String(attribute)];
      if (found === undefined)
        throw new Error(`Fn::GetAtt ${logicalId}.${attribute} is not available in the local twin`);
      return found;
    }
    case 'Fn::Join': {
      const [separator, parts] = arg as [string, unknown[]];
      return parts.map((p) => resolveString(p, context)).join(separator);
    }
    case 'Fn::Select': {
      const [index, list] = arg as [unknown, unknown];
      const resolved = resolveValue(list, context) as unknown[];
      return resolved[Number(resolveValue(index, context))];
    }
    case 'Fn::Split': {
      const [separator, source] = arg as [string, unknown];
      return resolveString(source, context).split(separator);
    }
    case 'Fn::Sub': {
      const [text, variables = {}] = Array.isArray(arg) ? (arg as [string, Record<string, unknown>]) : [String(arg)];
      return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
        if (name in variables) return resolveString(variables[name], context);
        if (name.includes('.')) return resolveString({ 'Fn::GetAtt': name.split('.') }, context);
        return ref(name, context);
      });
    }
    default:
      throw new Error(`${fn} is not supported by the local twin`);
  }
}
