/** HCPCS Level II records as the CMS annual alpha-numeric file describes them (see the record layout file). */
import type { IsoDate } from '#core/documents/encounter';

/** CMS action code (record layout field 30): what changed for the code in this release. */
export type HcpcsActionCode = 'A' | 'B' | 'C' | 'D' | 'F' | 'N' | 'P' | 'R' | 'S' | 'T';

/** Fields shared by procedure and modifier records. */
interface HcpcsRecordBase {
  /** Long description: the 80-column description lines joined in sequence order. */
  longDescription: string;
  /** Short description (at most 28 characters). */
  shortDescription: string;
  /** Date the code was added to HCPCS. */
  addDate?: IsoDate;
  /** Date the action (below) took effect. */
  actionEffectiveDate?: IsoDate;
  /** Last date the code may be used; absent while the code is active. */
  terminationDate?: IsoDate;
  actionCode: HcpcsActionCode;
}

export interface HcpcsProcedure extends HcpcsRecordBase {
  /** Five characters, letter first (A0021, J3490, G0008). */
  code: string;
  /** Pricing indicator codes (1 to 4; e.g. '51' drugs, '54' vaccinations, '00' not separately priced). */
  pricingIndicators: string[];
  /** Multiple pricing indicator (field 10). */
  multiplePricingIndicator: string;
  /** Medicare coverage code (field 16): C carrier judgment, D special instructions, I not payable, M/S non-covered. */
  coverageCode: string;
  /** Berenson-Eggers type of service (field 23), e.g. 'O1E'. */
  betos: string;
  /** CMS type of service codes (field 25, 1 to 5). */
  typesOfService: string[];
  /** Processing note number (field 22), a key into the proc notes file. */
  processingNote?: string;
  /** Cross reference code (field 15), e.g. the code to use instead. */
  crossReference?: string;
}

export interface HcpcsModifier extends HcpcsRecordBase {
  /** Two characters (25, 59, GA, KX...). */
  modifier: string;
}

export interface HcpcsRelease {
  procedures: HcpcsProcedure[];
  modifiers: HcpcsModifier[];
}
