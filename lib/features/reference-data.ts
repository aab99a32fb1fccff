/**
 * The reference data that functions judge claims by, and how it ships with them. The practice configuration is
 * inlined into the bundle at build time (validated before synthesis, so a function never starts on a bad one); payer
 * rules and code sets are folders unpacked beside the code. Every function that scrubs (intake, and operations when an
 * approval scrubs a claim again) must ship exactly the same data, or a claim could be READY in one and not the other.
 */

export interface ReferenceData {
  /** The practice configuration document (JSON text), validated by the caller; inlined into the bundle. */
  practiceConfigJson: string;
  /** Folder of versioned payer rule files (`<rulesId>.json`) shipped with the function. */
  payerRulesDir: string;
  /** A code set bundle directory shipped with the function; without it the starter bundle compiled into the code. */
  codeSetsDir?: string;
}

/** The bundler define that inlines the practice configuration (read by core/config through process.env). */
export function practiceConfigDefines(practiceConfigJson: string): Record<string, string> {
  return { 'process.env.CLAIMFLOW_PRACTICE_CONFIG': practiceConfigJson };
}

/** The environment, asset folders and defines of a function that scrubs claims. */
export function scrubbingReferenceData(reference: ReferenceData): {
  environment: Record<string, string>;
  assetFolders: Record<string, string>;
  bundleDefines: Record<string, string>;
} {
  return {
    environment: {
      // Relative to the function's task root (LAMBDA_TASK_ROOT), where the asset folders are unpacked.
      CLAIMFLOW_PAYER_RULES: 'payer-rules',
      ...(reference.codeSetsDir ? { CLAIMFLOW_CODESETS: 'codesets' } : {}),
    },
    assetFolders: {
      'payer-rules': reference.payerRulesDir,
      ...(reference.codeSetsDir ? { codesets: reference.codeSetsDir } : {}),
    },
    bundleDefines: practiceConfigDefines(reference.practiceConfigJson),
  };
}
