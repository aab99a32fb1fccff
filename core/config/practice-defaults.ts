/**
 * Configuration fills what a practice sets once and documents need not repeat: the billing provider (when the
 * document names none and the practice bills under exactly one), its address, TIN and taxonomy (when the document's
 * billing NPI is a configured one), the payer's name and filing indicator (and its id, when the document names one
 * configured payer without it), the default place of service, and the
 * patient's address from the patient directory (core/patients) when the document has none.
 * A value the document does state is never overwritten; an NPI or payer the configuration does not know is left as
 * the document says, for review to report.
 */
import type { Encounter } from '#core/documents/encounter';
import { directoryOfConfig, lookUpDirectoryPatient } from '#core/patients/look-up-patient';
import type { PatientDirectory } from '#core/patients/patient-directory';
import { billingProviderByNpi, type PatientDirectoryEntry, type PracticeConfig, payerById } from './practice-config.ts';

/**
 * The encounter completed from the configuration and the patient directory (`directory`; absent, the entries the
 * configuration itself carries). The directory is asked only when the document has no address.
 */
export async function completeEncounter(
  encounter: Encounter,
  config: PracticeConfig,
  directory: PatientDirectory = directoryOfConfig(config),
): Promise<Encounter> {
  const listed = encounter.patient.address
    ? undefined
    : await lookUpDirectoryPatient(directory, encounter.patient, encounter.subscriber);
  return applyPracticeDefaults(encounter, config, listed);
}

const nameWords = (name: string) =>
  name
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * The one configured payer a document names without its id (`Ins: Medicare`, `Insurance: Sandbox Health Plan`): the
 * configured name, parentheses aside, equals the written one or begins with it word for word. Two candidates, or
 * none, leave the payer as written, for review to ask.
 */
function payerNamed(config: PracticeConfig, written: string | undefined) {
  const name = written === undefined ? '' : nameWords(written);
  if (name === '') return undefined;
  const candidates = config.payers.filter((payer) => {
    const configured = nameWords(payer.name);
    return configured === name || configured.startsWith(`${name} `);
  });
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** `listed`: the patient's directory entry (lookUpDirectoryPatient), whose address fills a document without one. */
export function applyPracticeDefaults(
  encounter: Encounter,
  config: PracticeConfig,
  listed?: PatientDirectoryEntry,
): Encounter {
  const documentNpi = encounter.billingProvider?.npi;
  const configured =
    documentNpi !== undefined
      ? billingProviderByNpi(config, documentNpi)
      : config.billingProviders.length === 1
        ? config.billingProviders[0]
        : undefined;
  const billingProvider = configured
    ? {
        npi: configured.npi,
        tin: configured.tin,
        taxonomy: configured.taxonomy,
        organizationName: configured.organizationName,
        address: configured.address,
        ...encounter.billingProvider,
      }
    : encounter.billingProvider;

  const payerConfig =
    payerById(config, encounter.payer?.payerId) ??
    (encounter.payer?.payerId === undefined ? payerNamed(config, encounter.payer?.name) : undefined);
  const payer = payerConfig
    ? {
        name: payerConfig.name,
        payerId: payerConfig.payerId,
        filingIndicator: payerConfig.filingIndicator,
        responsibility: 'P' as const,
        ...encounter.payer,
      }
    : encounter.payer;

  const rendering = encounter.renderingProvider?.npi
    ? config.renderingProviders.find((r) => r.npi === encounter.renderingProvider?.npi)
    : undefined;
  const renderingProvider = rendering
    ? {
        lastName: rendering.lastName,
        firstName: rendering.firstName,
        taxonomy: rendering.taxonomy,
        ...encounter.renderingProvider,
      }
    : encounter.renderingProvider;

  const patient =
    listed && !encounter.patient.address ? { ...encounter.patient, address: listed.address } : encounter.patient;

  return {
    ...encounter,
    patient,
    placeOfService: encounter.placeOfService ?? config.defaultPlaceOfService,
    ...(billingProvider ? { billingProvider } : {}),
    ...(payer ? { payer } : {}),
    ...(renderingProvider ? { renderingProvider } : {}),
  };
}

/** Names of configuration gaps a claim cannot go out with: an unknown billing NPI or payer. */
export function configurationGaps(encounter: Encounter, config: PracticeConfig): { field: string; message: string }[] {
  const gaps: { field: string; message: string }[] = [];
  const npi = encounter.billingProvider?.npi;
  if (npi !== undefined && !billingProviderByNpi(config, npi)) {
    gaps.push({ field: 'billingProvider.npi', message: `billing NPI ${npi} is not a configured billing provider` });
  }
  const payerId = encounter.payer?.payerId;
  if (payerId !== undefined && !payerById(config, payerId)) {
    gaps.push({ field: 'payer.payerId', message: `payer id ${payerId} is not in the payer directory` });
  }
  return gaps;
}
