/** The in-memory stores pass the same conformance suites as the DynamoDB stores (test/local/dynamodb-stores.test.ts). */

import { InMemoryPatientDirectory } from '#core/patients/in-memory-directory';
import { InMemoryClaimStore } from '#core/storage/memory/claim-store';
import { InMemoryDocumentChunks } from '#core/storage/memory/document-chunks';
import { InMemoryDocumentLedger } from '#core/storage/memory/document-ledger';
import { InMemoryVisitReservations } from '#core/storage/memory/visit-reservations';
import { claimStoreConformance } from './conformance/claim-store.ts';
import { documentChunksConformance } from './conformance/document-chunks.ts';
import { documentLedgerConformance } from './conformance/document-ledger.ts';
import { patientDirectoryConformance } from './conformance/patient-directory.ts';
import { visitReservationsConformance } from './conformance/visit-reservations.ts';

const claims = new InMemoryClaimStore();
const ledger = new InMemoryDocumentLedger();
const chunks = new InMemoryDocumentChunks();
const visits = new InMemoryVisitReservations();
const patients = new InMemoryPatientDirectory();

claimStoreConformance('in memory', () => claims);
documentLedgerConformance('in memory', () => ledger);
documentChunksConformance('in memory', () => chunks);
visitReservationsConformance('in memory', () => visits);
patientDirectoryConformance('in memory', () => patients);
