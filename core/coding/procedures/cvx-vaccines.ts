/**
 * CDC CVX vaccine codes (FHIR Immunization.vaccineCode) to CPT vaccine product codes, from the CDC CPT-CVX
 * crosswalk, for the vaccines an outpatient practice gives. A CVX code not listed here goes to review rather than
 * being guessed. Influenza, pneumococcal and hepatitis B vaccines carry their Medicare Part B administration code.
 */
import { type Vaccine, vaccineByCode } from './vaccine-data.ts';

const FLU = 'G0008';
const PNEUMO = 'G0009';
const HEP_B = 'G0010';

/** CVX -> [CPT product, Medicare administration code if Part B covers it, label]. */
const CROSSWALK: Record<string, [string, string | undefined, string]> = {
  '03': ['90707', undefined, 'MMR'],
  '08': ['90744', HEP_B, 'hepatitis B, pediatric/adolescent'],
  '10': ['90713', undefined, 'IPV'],
  '20': ['90700', undefined, 'DTaP'],
  '21': ['90716', undefined, 'varicella'],
  '33': ['90732', PNEUMO, 'pneumococcal polysaccharide PPSV23'],
  '43': ['90746', HEP_B, 'hepatitis B, adult'],
  '49': ['90647', undefined, 'Hib (PRP-OMP)'],
  '52': ['90632', undefined, 'hepatitis A, adult'],
  '62': ['90649', undefined, 'HPV quadrivalent'],
  '83': ['90633', undefined, 'hepatitis A, pediatric/adolescent 2 dose'],
  '94': ['90710', undefined, 'MMRV'],
  '106': ['90700', undefined, 'DTaP, 5 pertussis antigens'],
  '110': ['90723', undefined, 'DTaP-HepB-IPV'],
  '113': ['90714', undefined, 'Td, preservative free'],
  '114': ['90734', undefined, 'meningococcal MCV4P'],
  '115': ['90715', undefined, 'Tdap'],
  '116': ['90680', undefined, 'rotavirus, pentavalent'],
  '119': ['90681', undefined, 'rotavirus, monovalent'],
  '120': ['90698', undefined, 'DTaP-Hib-IPV'],
  '121': ['90736', undefined, 'zoster live'],
  '133': ['90670', PNEUMO, 'pneumococcal conjugate PCV13'],
  '135': ['90662', FLU, 'influenza, high dose seasonal'],
  '136': ['90734', undefined, 'meningococcal MCV4O'],
  '140': ['90656', FLU, 'influenza, seasonal, injectable, preservative free'],
  '141': ['90658', FLU, 'influenza, seasonal, injectable'],
  '150': ['90686', FLU, 'influenza, injectable, quadrivalent, preservative free'],
  '158': ['90688', FLU, 'influenza, injectable, quadrivalent'],
  '162': ['90621', undefined, 'meningococcal B, recombinant'],
  '163': ['90620', undefined, 'meningococcal B, OMV'],
  '165': ['90651', undefined, 'HPV9'],
  '187': ['90750', undefined, 'zoster recombinant'],
  '189': ['90739', HEP_B, 'hepatitis B, CpG-adjuvanted'],
  '197': ['90662', FLU, 'influenza, high-dose, quadrivalent'],
  '205': ['90694', FLU, 'influenza, adjuvanted, quadrivalent'],
  '215': ['90671', PNEUMO, 'pneumococcal conjugate PCV15'],
  '216': ['90677', PNEUMO, 'pneumococcal conjugate PCV20'],
};

export function vaccineForCvx(cvx: string): (Vaccine & { label: string }) | undefined {
  const key = cvx
    .trim()
    .replace(/^0+(?=\d\d)/, '')
    .padStart(2, '0');
  const row = CROSSWALK[key];
  if (!row) return undefined;
  const [code, medicareAdmin, label] = row;
  // Components (for 90461) from the product: MMR is 3, DTaP-HepB-IPV 5; a product we do not list counts 1.
  const product = vaccineByCode(code);
  const components = product?.components ?? 1;
  // The route from the product (rotavirus is oral); a product we do not list is an injection, as the crosswalk's are.
  const route = product?.route ?? 'injection';
  return { id: `cvx-${key}`, code, components, route, label, ...(medicareAdmin ? { medicareAdmin } : {}) };
}
